/** The error the demo throws on purpose to exercise supervision. */
export class InjectedFault extends Error {
  constructor(where: string) {
    super(`zactor-demo: injected fault in ${where}`);
    this.name = 'InjectedFault';
  }
}
