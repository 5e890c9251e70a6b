// Opened from the link in an SMS: the gateway put this conversation's id and a fresh secret on the page
// (no inline script: the CSP allows only this file). They are stored where the chat page looks for its
// conversation, and the chat page takes over, showing the whole history. The address with the code is
// replaced, so the back button does not return to it.
(function () {
  'use strict';
  var el = document.getElementById('link');
  try {
    localStorage.setItem('furnishcare.chat', JSON.stringify({
      conversationId: el.dataset.conversationId,
      conversationSecret: el.dataset.conversationSecret,
      pending: []
    }));
  } catch (e) { /* storage refused (private mode): the chat page then starts a new conversation */ }
  location.replace('/chat');
})();
