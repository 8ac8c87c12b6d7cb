// Psylint's own messages between the client and the server, defined once for both.

/** Server → client: configuration and glossary problems, for the status item (empty `problems` when all is well). */
export const STATUS_NOTIFICATION = 'psylint/status';

export interface StatusParams {
  /** One line per problem: `file:line:column: message`. */
  problems: string[];
}
