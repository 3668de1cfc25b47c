// The jira content script: runs the jira overlay features. It holds no token and reaches the
// register only by asking the background.
import { defineContentScript } from 'wxt/utils/define-content-script';
import { HOST_MATCHES } from '../../overlay/hosts';
import { JIRA_FEATURES } from '../../overlay/jira-features';
import { startOverlays } from '../../overlay/content-script';

export default defineContentScript({
  matches: [...HOST_MATCHES.jira],
  runAt: 'document_end',
  main(ctx) {
    startOverlays(ctx, JIRA_FEATURES);
  },
});
