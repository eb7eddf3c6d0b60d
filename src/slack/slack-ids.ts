/** A channel, private channel or DM id as Slack sends it: what may go into `<#…>` or a Web API call. */
export const CONVERSATION_ID = /^[CDG][A-Z0-9]{2,20}$/;
