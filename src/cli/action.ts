/** A command action returns its exit code; the runner records it for main(). */
export type CommandAction = (...args: any[]) => number | Promise<number>;
export type Runner = (action: CommandAction) => (...args: any[]) => Promise<void>;

export function makeRunner(result: { code: number }): Runner {
  return (action) => async (...args) => {
    result.code = await action(...args);
  };
}
