/** The periodic health pass takes no input: it looks at every configured mailbox. */
export class CheckMailboxHealthCommand {}
