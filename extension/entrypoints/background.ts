import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Message handling is registered in extension/background/.
});
