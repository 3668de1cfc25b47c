import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { openDexieRegister } from '../db/dexie-backend';
import { handleMessage, type BackgroundDeps } from '../background/handlers';
import { senderRole } from '../background/senders';

export default defineBackground(() => {
  // Built per worker start: an MV3 worker is killed when idle, and everything it needs is in
  // IndexedDB. Service tokens, when they come, stay here and never travel to pages.
  const clock = () => new Date().toISOString();
  const deps: BackgroundDeps = {
    register: openDexieRegister(undefined, { clock }),
    today: () => clock().slice(0, 10),
  };

  // Registered synchronously so a message that wakes the worker is not missed.
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/') };
  browser.runtime.onMessage.addListener((message: unknown, sender) =>
    handleMessage(message, deps, senderRole(sender, self)),
  );
});
