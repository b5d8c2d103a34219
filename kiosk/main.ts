/** Placeholder until the composition root lands (foundation issue). */
export async function startFromCli(_configFile: string): Promise<number> {
  console.error('kiosk start: the composition root is being built');
  return 3;
}
