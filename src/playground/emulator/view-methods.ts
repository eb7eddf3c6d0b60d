import { isRecord } from './http-body.js';
import { type ApiResult, fail, type MethodContext, type MethodSpec, text } from './method-spec.js';
import { type StoredView, slackView } from './view-store.js';

function viewResult(stored: StoredView, ctx: MethodContext): ApiResult {
  const { teamId, appId, botId } = ctx.workspace;
  return { ok: true, view: slackView(stored, { teamId, appId, botId }) };
}

/** views.open and views.push: a trigger the emulator issued opens on that person's screen. */
function openWithTrigger(push: boolean): MethodSpec['handle'] {
  return (args, ctx) => {
    const triggerId = text(args, 'trigger_id');
    if (triggerId === undefined || !isRecord(args.view)) return fail('invalid_arguments');
    const claim = ctx.views.claimTrigger(triggerId);
    if (claim === 'expired') return fail('expired_trigger_id');
    if (claim === 'exchanged') return fail('exchanged_trigger_id');
    // Tests call the Web API with trigger ids they made up; Slack would refuse them, the emulator answers without showing.
    if (claim === 'unknown') return viewResult(ctx.views.detachedModal(args.view), ctx);
    return viewResult(ctx.views.openModal(claim.user, args.view, { push, channel: claim.channel }), ctx);
  };
}

export const VIEW_METHODS: Record<string, MethodSpec> = {
  'views.open': { token: 'bot', handle: openWithTrigger(false) },
  'views.push': { token: 'bot', handle: openWithTrigger(true) },
  'views.publish': {
    token: 'bot',
    handle: (args, ctx) => {
      const user = text(args, 'user_id');
      if (user === undefined || !isRecord(args.view)) return fail('invalid_arguments');
      const hash = text(args, 'hash');
      const existing = ctx.views.home(user);
      if (hash !== undefined && existing && existing.hash !== hash) return fail('hash_conflict');
      return viewResult(ctx.views.publishHome(user, args.view), ctx);
    },
  },
  'views.update': {
    token: 'bot',
    handle: (args, ctx) => {
      const viewId = text(args, 'view_id');
      const externalId = text(args, 'external_id');
      if ((viewId === undefined && externalId === undefined) || !isRecord(args.view)) return fail('invalid_arguments');
      const existing = ctx.views.find({ viewId, externalId });
      if (!existing) return fail('not_found');
      const hash = text(args, 'hash');
      if (hash !== undefined && existing.hash !== hash) return fail('hash_conflict');
      return viewResult(ctx.views.replace(existing, args.view), ctx);
    },
  },
};
