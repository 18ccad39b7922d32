/**
 * Gas for decisions. Decisions on one application are often sent together (officers voting at
 * once, departments deciding parallel steps), so each is estimated before the others are mined;
 * the one that lands last may then do more than its estimate covered: reach the threshold,
 * activate the next steps, complete the application and issue its output licence. Decisions are
 * therefore sent with the node's estimate plus a fixed headroom (`headroom` of `writeContract`; on a
 * free-gas network such as the production Besu profile, unused gas costs nothing; elsewhere it is
 * refunded).
 */

/**
 * Gas added to a decision's estimate: enough to activate every step of a 16-step matter (one
 * storage slot each, with the calendar's deadlines) and complete the application.
 */
export const DECISION_GAS_HEADROOM = 800_000n;
