/** Int32 words shared by the ping-pong bench and its two workers. */
export const GO = 0;
export const ROUNDS = 1;
export const DONE = 2;
export const CONTROL_WORDS = 3;
