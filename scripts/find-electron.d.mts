/** The Electron executable, or the reason there is none. */
export function findElectronBinary(): { binary: string } | { reason: string };
