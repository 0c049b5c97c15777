import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { kioskPreferences } from './launch-flags';

/** Creates a throw-away Chromium profile folder with the kiosk's preferences; returns its path. */
export async function createKioskProfile(folder: string, downloadsDir: string | null): Promise<string> {
  const profile = join(folder, 'profile');
  await mkdir(join(profile, 'Default'), { recursive: true });
  await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify(kioskPreferences(downloadsDir)));
  return profile;
}
