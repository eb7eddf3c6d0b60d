import { channelMention, escapeMrkdwn } from './mrkdwn.js';

/** What was being posted, as the person knows it, and how they try again. */
const POSTS = {
  card: { noun: 'the card', again: 'share it again' },
  quiz: { noun: 'the quiz', again: 'post it again' },
} as const;

/**
 * What to tell a person when a post to a channel fails: never silence. Codes the person can fix
 * get a way to fix it; anything else a plain apology (details go to the log, not to the user).
 */
export function channelProblemText(code: string | undefined, what: keyof typeof POSTS = 'card'): string {
  const { noun, again } = POSTS[what];
  switch (code) {
    case 'not_in_channel':
      return `I'm not in that channel yet. Invite me with \`/invite @breachbot\` there, then ${again}.`;
    case 'channel_not_found':
      return "I can't see that channel. If it is private, invite me with `/invite @breachbot` first; otherwise check that it still exists.";
    case 'is_archived':
      return 'That channel is archived, so nothing can be posted there.';
    case 'restricted_action':
    case 'cant_post':
      return "This workspace doesn't let me post in that channel. Ask an admin, or pick another channel.";
    case 'ratelimited':
      return `Slack is busy right now, so ${noun} was not posted. Please ${again} in a minute.`;
    default:
      return `Sorry, I could not post ${noun} there. Please try again in a moment.`;
  }
}

/** The DM that tells a person a share they submitted did not go out, after the modal had closed. */
export function shareFailedText(organization: string, channelId: string, code: string | undefined): string {
  return `I could not share the card for ${escapeMrkdwn(organization)} in ${channelMention(channelId)}. ${channelProblemText(code)}`;
}
