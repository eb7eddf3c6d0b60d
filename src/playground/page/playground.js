// The playground page: it shows what the server renders (already safe HTML) and turns clicks and
// typing into requests. It never builds markup from text: dynamic text goes through textContent.

const $ = (id) => document.getElementById(id);
const OPTIONS_DELAY_MS = 150;
const TOAST_MS = 5000;

const state = {
  info: null,
  // Who the page acts as: every request says so, and the server shows what this person sees.
  person: '',
  surface: 'channel',
  channel: '',
  thread: '',
  modalKey: '',
  refreshing: false,
  refreshAgain: false,
  stickToBottom: true,
  // Set by a send or a click: what it brings is shown even when the person had scrolled up.
  awaitingAnswer: false,
};

/** The path with `as` set to the person acting, once there is one. */
function asPerson(path) {
  if (!state.person) return path;
  const url = new URL(path, location.origin);
  url.searchParams.set('as', state.person);
  return `${url.pathname}${url.search}`;
}

async function api(path, body) {
  const response = await fetch(asPerson(path), {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
  return answer;
}

function toast(text) {
  const element = $('toast');
  element.textContent = text;
  element.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    element.hidden = true;
  }, TOAST_MS);
}

function attempt(promise) {
  promise.catch((error) => toast(error.message));
}

/** The acting person's direct-message channel with the app: each person has their own. */
function directMessage() {
  const { info } = state;
  const person = info.people.find((candidate) => candidate.id === state.person);
  return { id: person ? person.directMessage : info.directMessage.id, name: info.directMessage.name };
}

function conversationName(channel) {
  const { info } = state;
  const dm = directMessage();
  if (channel === dm.id) return dm.name;
  const found = info.channels.find((candidate) => candidate.id === channel);
  return found ? `#${found.name}` : channel;
}

function sidebarItem(label, target) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sidebar-item';
  button.textContent = label;
  button.dataset.target = target;
  button.addEventListener('click', () => openConversation(target));
  item.append(button);
  return item;
}

function renderSidebar() {
  const { info } = state;
  $('team-name').textContent = info.teamName;
  $('channel-list').replaceChildren(...info.channels.map((channel) => sidebarItem(`# ${channel.name}`, channel.id)));
  renderDirectMessages();
  const menu = $('shortcut-menu');
  menu.replaceChildren(
    ...info.shortcuts.map((shortcut) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'shortcut-item';
      button.setAttribute('role', 'menuitem');
      button.textContent = shortcut.name;
      const description = document.createElement('small');
      description.textContent = shortcut.description;
      button.append(description);
      button.addEventListener('click', () => {
        menu.hidden = true;
        attempt(api('/api/shortcuts', { callbackId: shortcut.callbackId, channel: state.channel }));
      });
      return button;
    }),
  );
  $('shortcut-button').hidden = info.shortcuts.length === 0;
}

function renderDirectMessages() {
  const dm = directMessage();
  $('dm-list').replaceChildren(sidebarItem(dm.name, dm.id));
}

function renderPeople() {
  const select = $('person-select');
  select.replaceChildren(
    ...state.info.people.map((person) => {
      const option = document.createElement('option');
      option.value = person.id;
      option.textContent = person.name;
      return option;
    }),
  );
  select.value = state.person;
  select.addEventListener('change', () => switchPerson(select.value));
}

/** Acts as another person from now on: the same place, as they see it (their own DM and Home tab). */
function switchPerson(person) {
  const inDirectMessage = state.channel === directMessage().id;
  state.person = person;
  const url = new URL(location.href);
  url.searchParams.set('as', person);
  history.replaceState(null, '', url);
  $('person-select').value = person;
  $('shortcut-menu').hidden = true;
  renderDirectMessages();
  if (state.surface === 'home') return openHome();
  if (inDirectMessage) return openConversation(directMessage().id);
  state.stickToBottom = true;
  refresh();
}

function renderHeader() {
  const isAppConversation = state.channel === directMessage().id;
  $('conversation-title').textContent = conversationName(state.channel);
  $('app-tabs').hidden = !isAppConversation;
  for (const tab of document.querySelectorAll('#app-tabs [data-tab]')) {
    const selected = (tab.dataset.tab === 'home') === (state.surface === 'home');
    tab.setAttribute('aria-selected', String(selected));
  }
  for (const button of document.querySelectorAll('.sidebar [data-target]')) {
    button.setAttribute('aria-current', String(button.dataset.target === state.channel));
  }
  const command = state.info.commands[0];
  const hint = command ? ` (try ${command.command} helthec)` : '';
  $('composer-input').placeholder = `Message ${conversationName(state.channel)}${hint}`;
  $('composer').hidden = state.surface === 'home';
}

function openConversation(channel) {
  state.surface = 'channel';
  state.channel = channel;
  closeThread();
  state.stickToBottom = true;
  renderHeader();
  refresh();
}

function openHome() {
  state.surface = 'home';
  state.channel = directMessage().id;
  closeThread();
  renderHeader();
  refresh();
  // Opening the tab is what makes the app publish it, as in Slack.
  attempt(api('/api/home', {}));
}

function openThread(ts) {
  state.thread = ts;
  $('thread-pane').hidden = false;
  refresh();
}

function closeThread() {
  state.thread = '';
  $('thread-pane').hidden = true;
  $('thread').replaceChildren();
}

function screenPath() {
  if (state.surface === 'home') return '/api/screen?surface=home';
  const query = new URLSearchParams({ surface: 'channel', channel: state.channel });
  if (state.thread) query.set('thread', state.thread);
  return `/api/screen?${query}`;
}

/** One request at a time; a change during a refresh makes exactly one more. */
async function refresh() {
  if (state.refreshing) {
    state.refreshAgain = true;
    return;
  }
  state.refreshing = true;
  try {
    const asked = { person: state.person, path: screenPath() };
    const screen = await api(asked.path);
    // The person or the place changed while it was on its way: what it shows is not theirs, or not here.
    if (asked.person !== state.person || asked.path !== screenPath()) {
      state.refreshAgain = true;
      return;
    }
    const messages = $('messages');
    const before = messages.querySelectorAll('article.message').length;
    messages.innerHTML = screen.main;
    const grew = messages.querySelectorAll('article.message').length > before;
    if (grew && (state.stickToBottom || state.awaitingAnswer)) showNewest(messages);
    else if (state.stickToBottom) messages.scrollTop = messages.scrollHeight;
    if (grew) state.awaitingAnswer = false;
    if (screen.thread !== null && state.thread) {
      const thread = $('thread');
      const replies = thread.querySelectorAll('article.message').length;
      thread.innerHTML = screen.thread;
      if (thread.querySelectorAll('article.message').length > replies) showNewest(thread);
    }
    showModal(screen.modal);
  } catch (error) {
    toast(error.message);
  } finally {
    state.refreshing = false;
    if (state.refreshAgain) {
      state.refreshAgain = false;
      refresh();
    }
  }
}

/** Scrolls to the end, or to the start of the newest message when it is taller than the pane: a card reads from its top. */
function showNewest(messages) {
  const newest = messages.lastElementChild;
  const end = messages.scrollHeight - messages.clientHeight;
  if (!newest) return;
  const top = messages.scrollTop + newest.getBoundingClientRect().top - messages.getBoundingClientRect().top;
  messages.scrollTop = Math.min(end, top);
}

/** Replaces the modal only when it changed, so that what the person is typing stays. */
function showModal(modal) {
  const layer = $('modal-layer');
  if (!modal) {
    layer.hidden = true;
    layer.replaceChildren();
    state.modalKey = '';
    return;
  }
  if (modal.key === state.modalKey) return;
  state.modalKey = modal.key;
  layer.innerHTML = modal.html;
  layer.hidden = false;
  const form = layer.querySelector('form.modal');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(api('/api/views/submit', { viewId: form.dataset.viewId, values: enteredValues(form) }));
  });
  for (const select of form.querySelectorAll('.bk-external-select')) wireExternalSelect(form, select);
  const first = form.querySelector('input, textarea, select');
  if (first) first.focus();
}

function enteredValues(form) {
  const values = {};
  for (const input of form.querySelectorAll('[data-kind]')) {
    const { blockId, actionId, kind } = input.dataset;
    let value = null;
    if (kind === 'text') value = input.value;
    if (kind === 'conversation') value = input.value || null;
    if (kind === 'static' && input.value) value = { text: input.selectedOptions[0].textContent, value: input.value };
    if (kind === 'external' && input.dataset.selectedValue) {
      value = { text: input.dataset.selectedText || input.dataset.selectedValue, value: input.dataset.selectedValue };
    }
    values[blockId] = { ...values[blockId], [actionId]: value };
  }
  return values;
}

/** An external select asks the app for options (through Slack's options request) as the person types. */
function wireExternalSelect(form, container) {
  const box = container.querySelector('input');
  const list = container.querySelector('.bk-options');
  const minLength = Number(container.dataset.minQueryLength || '3');
  let timer;
  let asked = 0;
  const pick = (option) => {
    container.dataset.selectedValue = option.value;
    container.dataset.selectedText = option.text;
    box.value = option.text;
    list.hidden = true;
    box.setAttribute('aria-expanded', 'false');
  };
  const show = (options) => {
    const items = options.map((option, index) => {
      const item = document.createElement('li');
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', String(index === 0));
      item.textContent = option.text;
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(option);
      });
      return item;
    });
    if (items.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'bk-options-empty';
      empty.textContent = 'No matches';
      items.push(empty);
    }
    list.replaceChildren(...items);
    list.hidden = false;
    box.setAttribute('aria-expanded', 'true');
    container.options = options;
  };
  box.addEventListener('input', () => {
    delete container.dataset.selectedValue;
    delete container.dataset.selectedText;
    clearTimeout(timer);
    if (box.value.length < minLength) {
      list.hidden = true;
      return;
    }
    timer = setTimeout(async () => {
      const ask = ++asked;
      try {
        const answer = await api('/api/options', {
          viewId: form.dataset.viewId,
          blockId: container.dataset.blockId,
          actionId: container.dataset.actionId,
          value: box.value,
        });
        if (ask === asked) show(answer.options);
      } catch (error) {
        toast(error.message);
      }
    }, OPTIONS_DELAY_MS);
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !list.hidden) {
      event.preventDefault();
      const [first] = container.options || [];
      if (first) pick(first);
    }
    if (event.key === 'Escape') list.hidden = true;
  });
  box.addEventListener('blur', () => {
    list.hidden = true;
  });
}

function clickedElement(target) {
  const element = target.closest('[data-action-id]');
  if (!element || element.closest('.modal .bk-input')) return undefined;
  const { blockId, actionId } = element.dataset;
  const message = element.closest('article.message');
  if (message) return { channel: message.dataset.channel, messageTs: message.dataset.ts, blockId, actionId };
  const view = element.closest('[data-view-id]');
  return view ? { viewId: view.dataset.viewId, blockId, actionId } : undefined;
}

document.addEventListener('click', (event) => {
  const action = clickedElement(event.target);
  if (action) {
    state.awaitingAnswer = true;
    attempt(api('/api/actions', action));
    return;
  }
  const threadLink = event.target.closest('.thread-link');
  if (threadLink) return openThread(threadLink.dataset.threadTs);
  const close = event.target.closest('[data-close-view]');
  if (close) {
    const form = close.closest('form.modal');
    attempt(api('/api/views/close', { viewId: form.dataset.viewId }));
    return;
  }
  const tab = event.target.closest('#app-tabs [data-tab]');
  if (tab) return tab.dataset.tab === 'home' ? openHome() : openConversation(directMessage().id);
  if (!event.target.closest('.shortcut-anchor')) $('shortcut-menu').hidden = true;
});

document.addEventListener('keydown', (event) => {
  const form = document.querySelector('#modal-layer form.modal');
  // Escape closes the modal as in Slack, unless it is closing an open list of options first.
  if (event.key !== 'Escape' || !form || event.target.closest('.bk-external-select')) return;
  attempt(api('/api/views/close', { viewId: form.dataset.viewId }));
});

function wireComposer(formId, inputId, threaded) {
  $(formId).addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $(inputId);
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    state.awaitingAnswer = true;
    const body = { channel: state.channel, text, ...(threaded && state.thread ? { threadTs: state.thread } : {}) };
    attempt(
      api('/api/messages', body).then((sent) => {
        if (sent.openThread && !threaded) openThread(sent.openThread);
      }),
    );
  });
}

async function start() {
  state.info = await api('/api/workspace');
  const requested = new URLSearchParams(location.search).get('as');
  const known = state.info.people.some((person) => person.id === requested);
  state.person = known ? requested : state.info.you.id;
  renderPeople();
  renderSidebar();
  wireComposer('composer', 'composer-input', false);
  wireComposer('thread-composer', 'thread-input', true);
  $('close-thread').addEventListener('click', closeThread);
  $('shortcut-button').addEventListener('click', () => {
    $('shortcut-menu').hidden = !$('shortcut-menu').hidden;
  });
  $('messages').addEventListener('scroll', () => {
    const messages = $('messages');
    state.stickToBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 40;
  });
  openConversation(state.info.channels[0].id);
  const events = new EventSource('/api/events');
  events.addEventListener('change', () => refresh());
  // After a reconnect (the playground restarted, or the laptop slept) what is shown may be stale.
  events.addEventListener('open', () => refresh());
  $('composer-input').focus();
}

start().catch((error) => toast(`The playground could not start: ${error.message}`));
