/**
 * Gateway topics other modules push to. A customer's sockets follow their contact's topic (news
 * on their tickets), an agent's follow their own, and supervisors' and admins' the supervisors'.
 */
export const contactTopic = (contactId: string) => `contact:${contactId}`;
export const agentTopic = (agentId: string) => `agent:${agentId}`;
export const supervisorsTopic = 'supervisors';
