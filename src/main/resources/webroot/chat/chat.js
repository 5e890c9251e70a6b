// The web chat page. Talks to the gateway over one WebSocket (/api/chat/socket): entries arrive numbered,
// so after a reconnect the page asks for what came after the last number it has and nothing is missed or
// shown twice. Everything the user or the bot wrote is put on the page as text (textContent), never HTML.
(function () {
  'use strict';

  var STORE = 'furnishcare.chat';
  var logEl = document.getElementById('log');
  var statusEl = document.getElementById('status');
  var form = document.getElementById('composer');
  var input = document.getElementById('text');
  var photo = document.getElementById('photo');

  var saved = load();
  var state = {
    conversationId: saved.conversationId || null,
    conversationSecret: saved.conversationSecret || null,
    lastSeq: 0,               // the last entry shown on this page (a reload shows the whole history again)
    pending: saved.pending || [], // messages sent but not yet seen back in the log: resent after a reconnect
    socket: null,
    retry: 0,
    shown: {}                 // clientIds already shown as the user's own entries
  };

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }

  function save() {
    try {
      localStorage.setItem(STORE, JSON.stringify({
        conversationId: state.conversationId,
        conversationSecret: state.conversationSecret,
        pending: state.pending
      }));
    } catch (e) { /* private mode: the chat works, it is just not kept across reloads */ }
  }

  function setStatus(kind, text) {
    statusEl.dataset.state = kind;
    statusEl.textContent = text;
  }

  function newId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  // ---- the socket

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var socket = new WebSocket(scheme + location.host + '/api/chat/socket');
    state.socket = socket;
    setStatus('connecting', '连接中…');
    socket.onopen = function () {
      var hello = { type: 'hello', after: state.lastSeq };
      if (state.conversationId) {
        hello.conversationId = state.conversationId;
        hello.conversationSecret = state.conversationSecret;
      }
      socket.send(JSON.stringify(hello));
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      receive(frame);
    };
    socket.onclose = function (event) {
      if (state.socket !== socket) { return; }
      state.socket = null;
      if (event.code === 4404) {
        // The conversation lapsed or is not ours: start afresh rather than knock forever.
        state.conversationId = null;
        state.conversationSecret = null;
        state.lastSeq = 0;
        save();
      }
      setStatus('offline', '连接已断开，正在重连…');
      var wait = Math.min(15000, 500 * Math.pow(2, state.retry++));
      setTimeout(connect, wait);
    };
  }

  function receive(frame) {
    if (frame.type === 'welcome') {
      state.retry = 0;
      setStatus('online', '在线');
      if (frame.conversationId && frame.conversationSecret) {
        state.conversationId = frame.conversationId;
        state.conversationSecret = frame.conversationSecret;
        save();
      }
      if (frame.conversationId || !state.conversationId) {
        resendPending();
      }
    } else if (frame.type === 'entry') {
      if (frame.seq <= state.lastSeq) { return; } // already shown
      state.lastSeq = frame.seq;
      if (frame.clientId) {
        state.pending = state.pending.filter(function (p) { return p.clientId !== frame.clientId; });
        save();
        var local = document.querySelector('[data-client-id="' + cssId(frame.clientId) + '"]');
        if (local) { local.parentNode.removeChild(local); }
      }
      render(frame);
    } else if (frame.type === 'error') {
      notice(frame.message);
    }
  }

  function cssId(id) {
    return String(id).replace(/[^A-Za-z0-9_-]/g, '');
  }

  function send(text, option) {
    var message = { type: 'send', clientId: newId(), text: text };
    if (option) { message.option = option; }
    state.pending.push(message);
    save();
    showPending(message);
    transmit(message);
  }

  function transmit(message) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) {
      state.socket.send(JSON.stringify(message));
    }
  }

  function resendPending() {
    state.pending.forEach(transmit);
  }

  // ---- drawing (text only: textContent and DOM nodes, never innerHTML)

  function render(entry) {
    var item = document.createElement('li');
    item.className = 'entry ' + (entry.author === 'user' ? 'user' : 'bot');
    item.dataset.seq = entry.seq;
    if (entry.author === 'agent') {
      // A person from customer service answers: their name above their words, as text.
      item.classList.add('agent');
      var who = document.createElement('div');
      who.className = 'agent-name';
      who.textContent = (entry.fields && entry.fields.agentName) || '';
      item.appendChild(who);
    }
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    appendText(bubble, entry.text || '');
    item.appendChild(bubble);
    if (entry.kind === 'ticket' && entry.fields && entry.fields.ticketId) {
      item.appendChild(ticketCard(entry.fields));
    }
    if (entry.kind === 'photo' && entry.fields && entry.fields.photoId) {
      item.classList.add('photo-entry');
      item.appendChild(photoImage(entry.fields.photoId));
    }
    if (entry.author !== 'user' && entry.options && entry.options.length) {
      disableOlderOptions();
      var options = document.createElement('div');
      options.className = 'options';
      entry.options.forEach(function (option) {
        var button = document.createElement('button');
        button.type = 'button';
        button.textContent = option.label;
        button.addEventListener('click', function () {
          disableOlderOptions();
          send(option.label, option.id);
        });
        options.appendChild(button);
      });
      item.appendChild(options);
    }
    logEl.appendChild(item);
    scrollDown();
  }

  function showPending(message) {
    var item = document.createElement('li');
    item.className = 'entry user pending';
    item.dataset.clientId = message.clientId;
    var bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.textContent = message.text;
    item.appendChild(bubble);
    logEl.appendChild(item);
    scrollDown();
  }

  // Links in a text become links; the rest stays text. Only http(s) addresses are linked.
  function appendText(parent, text) {
    var pattern = /https?:\/\/[^\s，。；、）)]+/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var a = document.createElement('a');
      a.href = match[0];
      a.textContent = match[0];
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      parent.appendChild(a);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function ticketCard(fields) {
    var card = document.createElement('div');
    card.className = 'ticket';
    var id = document.createElement('div');
    id.className = 'id';
    id.textContent = '工单 ' + fields.ticketId;
    card.appendChild(id);
    [fields.category, fields.levelLabel].filter(Boolean).forEach(function (line) {
      var row = document.createElement('div');
      row.textContent = line;
      card.appendChild(row);
    });
    return card;
  }

  // Photos are served only to this conversation, so they are fetched with its secret and shown from memory.
  function photoImage(photoId) {
    var img = document.createElement('img');
    img.alt = '照片';
    fetch('/api/chat/photos/' + encodeURIComponent(photoId), {
      headers: { 'X-Conversation-Id': state.conversationId || '', 'X-Conversation-Secret': state.conversationSecret || '' }
    }).then(function (response) {
      return response.ok ? response.blob() : null;
    }).then(function (blob) {
      if (blob) { img.src = URL.createObjectURL(blob); }
    }).catch(function () { /* the entry still says a photo was sent */ });
    return img;
  }

  function disableOlderOptions() {
    Array.prototype.forEach.call(logEl.querySelectorAll('.options button'), function (b) { b.disabled = true; });
  }

  function notice(text) {
    var item = document.createElement('li');
    item.className = 'notice';
    item.textContent = text;
    logEl.appendChild(item);
    scrollDown();
  }

  function scrollDown() {
    logEl.scrollTop = logEl.scrollHeight;
  }

  // ---- sending

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = '';
    send(text);
  });

  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  photo.addEventListener('change', function () {
    var file = photo.files && photo.files[0];
    photo.value = '';
    if (!file) { return; }
    if (!state.conversationId) {
      notice('请先发一条文字消息，再发送照片。');
      return;
    }
    var body = new FormData();
    body.append('conversationId', state.conversationId);
    body.append('photo', file);
    fetch('/api/chat/photos', {
      method: 'POST',
      headers: { 'X-Conversation-Secret': state.conversationSecret },
      body: body
    }).then(function (response) {
      if (!response.ok) {
        return response.json().then(function (err) { notice(err.error || '照片发送失败'); }, function () {
          notice('照片发送失败');
        });
      }
    }).catch(function () { notice('照片发送失败，请检查网络后重试。'); });
  });

  window.addEventListener('online', function () {
    if (!state.socket) { connect(); }
  });

  // For tests and the embedding widget: the live socket, to simulate a dropped connection.
  window.__chat = state;

  state.pending.forEach(showPending);
  connect();
})();
