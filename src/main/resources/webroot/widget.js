// The brand site's chat button: <script src="https://<gateway>/widget.js" async></script>. Adds a button
// that opens the chat page (/chat, served by the same gateway) in a panel; the page runs in its own frame,
// so the site's styles and scripts and the chat's cannot touch each other.
(function () {
  'use strict';
  if (window.__furnishcareChatWidget) { return; }
  window.__furnishcareChatWidget = true;
  var script = document.currentScript;
  var origin = script && script.src ? new URL(script.src).origin : location.origin;

  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'furnishcare-chat-button';
  button.textContent = '在线客服';
  button.setAttribute('aria-expanded', 'false');
  button.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483000;border:0;border-radius:24px;'
    + 'padding:12px 18px;background:#1f6feb;color:#fff;font:15px sans-serif;box-shadow:0 2px 10px rgba(0,0,0,.2);cursor:pointer';

  var panel = null;
  button.addEventListener('click', function () {
    if (!panel) {
      panel = document.createElement('iframe');
      panel.id = 'furnishcare-chat-panel';
      panel.title = '在线客服';
      panel.src = origin + '/chat';
      panel.allow = 'camera';
      panel.style.cssText = 'position:fixed;right:16px;bottom:72px;z-index:2147483000;width:min(380px,calc(100vw - 32px));'
        + 'height:min(620px,calc(100vh - 96px));border:0;border-radius:12px;box-shadow:0 4px 24px rgba(0,0,0,.25);background:#fff';
      document.body.appendChild(panel);
    } else {
      panel.style.display = panel.style.display === 'none' ? 'block' : 'none';
    }
    button.setAttribute('aria-expanded', panel.style.display === 'none' ? 'false' : 'true');
  });

  function attach() { document.body.appendChild(button); }
  if (document.body) { attach(); } else { document.addEventListener('DOMContentLoaded', attach); }
})();
