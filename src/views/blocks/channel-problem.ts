import { channelMention, escapeMrkdwn } from './mrkdwn.js';

/**
 * What to tell a person when a post to a channel fails: never silence. Codes the person can fix
 * get a way to fix it; anything else a plain apology (details go to the log, not to the user).
 */
export function channelProblemText(code: string | undefined): string {
  switch (code) {
    case 'not_in_channel':
      return "I'm not in that channel yet. Invite me with `/invite @breachbot` there, then share again.";
    case 'channel_not_found':
      return "I can't see that channel. If it is private, invite me with `/invite @breachbot` first; otherwise check that it still exists.";
    case 'is_archived':
      return 'That channel is archived, so nothing can be posted there.';
    case 'restricted_action':
    case 'cant_post':
      return "This workspace doesn't let me post in that channel. Ask an admin, or pick another channel.";
    case 'ratelimited':
      return 'Slack is busy right now, so the card was not posted. Please share it again in a minute.';
    default:
      return 'Sorry, I could not post the card there. Please try again in a moment.';
  }
}

/** The DM that tells a person a share they submitted did not go out, after the modal had closed. */
export function shareFailedText(organization: string, channelId: string, code: string | undefined): string {
  return `I could not share the card for ${escapeMrkdwn(organization)} in ${channelMention(channelId)}. ${channelProblemText(code)}`;
}
