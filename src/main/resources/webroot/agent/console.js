// The agents' console. Three columns: the live queue, the open conversation, and what an agent needs beside
// it (facts, tickets, internal notes, the knowledge base). Data comes from the JSON API under /api/agent/;
// a WebSocket (/api/agent/socket) says when the queue changed and pushes new entries of the conversation
// being watched. The socket only speeds things up: the queue is also refetched every 15 s, and after a
// reconnect the page refetches instead of trusting that nothing was missed.
//
// Homeowner text is hostile until proven otherwise: everything that came from a homeowner, the bot or the
// server is put on the page with textContent or as attribute values set through the DOM, never as HTML.
// No innerHTML, no inline styles or handlers (the Content-Security-Policy allows only this file and
// console.css), no eval.
(function () {
  'use strict';

  var QUEUE_REFRESH_MS = 15000;  // fallback when the socket is down or a frame was lost
  var PING_MS = 20000;           // keeps the socket (and our presence as owner) alive through proxies
  var SOON_MS = 5 * 60 * 1000;   // a first-response deadline closer than this is shown in orange

  var CHANNELS = { wechat: '微信', webchat: '网页', sms: '短信' };
  var ROLES = { agent: '客服', supervisor: '主管', dealer: '经销商' };
  var DELIVERY = {
    sending: '发送中…',
    delivered: '已送达',
    stored: '已保存，待客户打开',
    outside_window: '已超出48小时客服窗口，请改用模板消息或短信',
    refused: '被平台拒绝',
    failed: '发送失败'
  };
  // Statuses after which the typed text stays in the box: the homeowner did not get it, the agent will
  // want to retry or copy it elsewhere.
  var KEEP_TEXT = { outside_window: true, refused: true, failed: true };
  // Ways past WeChat's closed 48-hour window the server may offer for a homeowner.
  var ROUTES = { template: '改用模板消息发送', sms: '改发短信（附网页会话链接）' };
  var MESSAGE_KINDS = { image: '图片', voice: '语音', video: '视频', location: '位置', file: '文件', link: '链接' };

  function byId(id) { return document.getElementById(id); }

  var el = {
    conn: byId('conn'),
    status: byId('status'),
    me: byId('me'),
    logout: byId('logout'),
    queue: byId('queue'),
    queueCount: byId('queue-count'),
    queueEmpty: byId('queue-empty'),
    convoInfo: byId('convo-info'),
    take: byId('take'),
    handback: byId('handback'),
    close: byId('close'),
    reassignForm: byId('reassign-form'),
    reassignTo: byId('reassign-to'),
    transcript: byId('transcript'),
    replyForm: byId('reply-form'),
    replyText: byId('reply-text'),
    replySend: byId('reply-send'),
    delivery: byId('delivery-status'),
    facts: byId('facts'),
    tickets: byId('tickets'),
    notes: byId('notes'),
    noteForm: byId('note-form'),
    noteText: byId('note-text'),
    noteSend: byId('note-send'),
    faqForm: byId('faq-form'),
    faqQ: byId('faq-q'),
    faqHits: byId('faq-hits')
  };

  var state = {
    me: null,            // GET /api/agent/me: username, displayName, role, dealer, csrf
    skew: 0,             // server clock minus ours (ms), from the queue's "now": countdowns follow the server
    cases: [],           // the last queue, as the server sorted it
    rows: [],            // [{case, wait, due}] the queue's live cells, updated every second
    queueBusy: false,
    queueAgain: false,   // a refetch was asked for while one was running: run one more after it
    current: null,       // the open conversation (see openConversation)
    openToken: 0,        // bumped on every open: answers for a conversation no longer open are dropped
    drafts: {},          // unsent reply text per conversation, kept while the agent looks elsewhere
    delivery: {},        // conversation → seq → delivery status of replies sent from this page
    acting: false,       // a take / hand back / close / reassign is under way
    sending: false,      // a reply is under way
    socket: null,
    retry: 0,
    everConnected: false
  };

  // ---------------------------------------------------------------- small helpers

  function newId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clear(node) {
    node.textContent = '';
  }

  // The status line. "source" names a background job (the queue refresh) whose failure should disappear
  // by itself once the job works again; messages about the agent's own actions stay until the next one.
  function setStatus(kind, text, source) {
    el.status.dataset.kind = kind;
    el.status.dataset.source = source || '';
    el.status.textContent = text;
  }

  function clearStatusFrom(source) {
    if (el.status.dataset.source === source) { setStatus('info', '', ''); }
  }

  // An API failure in the status line; a redirect to the login page is not worth announcing.
  function fail(what, source) {
    return function (err) {
      if (err && err.leaving) { return; }
      setStatus('error', what + '：' + (err && err.message ? err.message : '未知错误'), source);
    };
  }

  function serverNow() {
    return Date.now() + state.skew;
  }

  function parseTime(iso) {
    var t = iso ? Date.parse(iso) : NaN;
    return isFinite(t) ? t : NaN;
  }

  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }

  // "3分05秒", "1小时02分", "2天3小时": short enough for a dense queue row.
  function formatDuration(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    if (s < 3600) { return Math.floor(s / 60) + '分' + pad(s % 60) + '秒'; }
    var h = Math.floor(s / 3600);
    if (h < 24) { return h + '小时' + pad(Math.floor((s % 3600) / 60)) + '分'; }
    return Math.floor(h / 24) + '天' + (h % 24) + '小时';
  }

  // Local clock time; today's times without the date.
  function formatTime(iso) {
    var t = parseTime(iso);
    if (!isFinite(t)) { return ''; }
    var d = new Date(t);
    var hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
    if (d.toDateString() === new Date().toDateString()) { return hm + ':' + pad(d.getSeconds()); }
    return pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + hm;
  }

  function channelLabel(channel) {
    return CHANNELS[channel] || channel || '';
  }

  function ownerText(c) {
    return c.owner ? '由 ' + (c.ownerName || c.owner) + ' 接待' : '待接入';
  }

  function isMine(c) {
    return !!(c && c.owner && state.me && c.owner === state.me.username);
  }

  function isSupervisor() {
    return !!(state.me && state.me.role === 'supervisor');
  }

  // Only same-origin paths are shown as images: "/x" yes, "//host/x" (another origin) and "/\host" no.
  function safeImageUrl(url) {
    return typeof url === 'string' && /^\/(?![\/\\])/.test(url) ? url : null;
  }

  function factValue(value) {
    if (value === null || value === undefined || value === '') { return '—'; }
    if (typeof value === 'object') { return JSON.stringify(value); }
    return String(value);
  }

  // ---------------------------------------------------------------- the API

  function toLogin() {
    location.href = '/agent/login';
  }

  // One JSON request. Non-GET requests carry the session's CSRF token. Resolves with the parsed body;
  // rejects with an Error whose message is the server's {"error"} (or the HTTP status), and whose
  // "leaving" flag says the page is already on its way to the login page (session expired).
  function api(method, path, body) {
    var headers = { 'Accept': 'application/json' };
    var init = { method: method, headers: headers, credentials: 'same-origin' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      headers['X-CSRF-Token'] = state.me ? state.me.csrf : '';
      init.body = JSON.stringify(body || {});
    }
    return fetch(path, init).then(function (response) {
      if (response.status === 401 || (response.redirected && /\/agent\/login/.test(response.url))) {
        toLogin();
        var gone = new Error('登录已过期');
        gone.leaving = true;
        throw gone;
      }
      return response.text().then(function (raw) {
        var data = null;
        try { data = raw ? JSON.parse(raw) : null; } catch (e) { data = null; }
        if (!response.ok) {
          // A refused change may be a rotated CSRF token: fetch the current one so the next try carries it.
          if (response.status === 403 && method !== 'GET') { refreshMe(); }
          var err = new Error((data && data.error) || ('HTTP ' + response.status));
          err.status = response.status;
          throw err;
        }
        return data;
      });
    }, function () {
      var offline = new Error('网络错误，请检查连接');
      offline.status = 0;
      throw offline;
    });
  }

  function conversationPath(conversation, action) {
    return '/api/agent/conversations/' + encodeURIComponent(conversation) + (action ? '/' + action : '');
  }

  // ---------------------------------------------------------------- who is signed in

  function loadMe() {
    return api('GET', '/api/agent/me').then(function (me) {
      state.me = me;
      showMe();
      return me;
    });
  }

  function refreshMe() {
    loadMe().catch(function () { /* the failure that led here is already shown */ });
  }

  function showMe() {
    var me = state.me;
    var text = (me.displayName || me.username) + ' · ' + (ROLES[me.role] || me.role || '');
    if (me.dealer) { text += '（' + me.dealer + '）'; }
    el.me.textContent = text;
    el.me.dataset.role = me.role || '';
  }

  function logout() {
    el.logout.disabled = true;
    fetch('/agent/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': state.me ? state.me.csrf : '' },
      body: '{}'
    }).catch(function () { /* leaving anyway: the login page shows whether the session is gone */ })
      .then(toLogin);
  }

  // ---------------------------------------------------------------- the queue

  // Fetches the queue; calls that arrive while one is running collapse into a single follow-up, so a
  // burst of "queue changed" frames costs two requests, not twenty.
  function loadQueue() {
    if (state.queueBusy) {
      state.queueAgain = true;
      return;
    }
    state.queueBusy = true;
    api('GET', '/api/agent/queue').then(function (data) {
      var now = parseTime(data && data.now);
      if (isFinite(now)) { state.skew = now - Date.now(); }
      state.cases = ((data && data.cases) || []).map(function (c) { return annotate(c, serverNow()); });
      renderQueue();
      followCurrentInQueue();
      clearStatusFrom('queue');
    }).catch(fail('刷新队列失败', 'queue')).finally(function () {
      state.queueBusy = false;
      if (state.queueAgain) {
        state.queueAgain = false;
        loadQueue();
      }
    });
  }

  // A case the server does not call overdue although its deadline had passed when it answered has had
  // its first response: its countdown is over, it is not late. Worked out once, when the case arrives.
  function annotate(c, now) {
    if (!c) { return null; }
    var due = parseTime(c.firstResponseDue);
    c.answered = !c.overdue && isFinite(due) && due <= now;
    return c;
  }

  function renderQueue() {
    clear(el.queue);
    state.rows = [];
    var waiting = 0;
    state.cases.forEach(function (c) {
      if (!c.owner) { waiting++; }
      var row = caseRow(c);
      el.queue.appendChild(row.node);
      state.rows.push(row);
    });
    el.queueEmpty.hidden = state.cases.length > 0;
    el.queueCount.textContent = '待接入 ' + waiting + ' / 共 ' + state.cases.length;
    document.title = (waiting ? '(' + waiting + ') ' : '') + '客服工作台';
    markSelected();
    tickRows();
  }

  function caseRow(c) {
    var node = make('li', 'case');
    node.dataset.conversation = c.conversation;
    node.dataset.level = String(c.level);
    node.dataset.owner = c.owner ? (isMine(c) ? 'me' : 'other') : 'none';
    node.tabIndex = 0;
    node.setAttribute('role', 'button');

    var head = make('div', 'line');
    head.appendChild(levelBadge(c));
    head.appendChild(make('span', 'category', c.categoryLabel || c.category || '未分类'));
    head.appendChild(make('span', 'channel', channelLabel(c.channel)));
    node.appendChild(head);

    var who = make('div', 'line sub');
    who.appendChild(make('span', 'dealer', c.dealerName || c.dealer || '总部'));
    who.appendChild(make('span', 'owner', ownerText(c)));
    node.appendChild(who);

    var times = make('div', 'line sub');
    var wait = make('span', 'wait');
    var due = make('span', 'due');
    times.appendChild(wait);
    times.appendChild(due);
    node.appendChild(times);

    if (c.preview) { node.appendChild(make('div', 'preview', c.preview)); }

    node.addEventListener('click', function () { openConversation(c.conversation); });
    node.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        openConversation(c.conversation);
      }
    });
    return { 'case': c, node: node, wait: wait, due: due };
  }

  function levelBadge(c) {
    var badge = make('span', 'level', c.levelLabel || ('等级' + c.level));
    badge.dataset.level = String(c.level);
    return badge;
  }

  // The first-response countdown of a case into a cell: "剩余 …", "已超时 …" (red) or "已响应".
  function showDue(cell, c) {
    var due = parseTime(c.firstResponseDue);
    var left = due - serverNow();
    var mode;
    if (!isFinite(due)) {
      cell.textContent = '';
      mode = '';
    } else if (c.answered) {
      cell.textContent = '已响应';
      mode = 'answered';
    } else if (c.overdue || left <= 0) {
      cell.textContent = '已超时 ' + formatDuration(-left);
      mode = 'overdue';
    } else {
      cell.textContent = '剩余 ' + formatDuration(left);
      mode = left < SOON_MS ? 'soon' : 'ok';
    }
    cell.dataset.state = mode;
  }

  function showWait(cell, c) {
    var since = parseTime(c.queuedAt);
    cell.textContent = isFinite(since) ? '已等待 ' + formatDuration(serverNow() - since) : '';
  }

  // Once a second: the clocks in the queue and in the open conversation's header move, nothing is refetched.
  function tickRows() {
    state.rows.forEach(function (row) {
      showWait(row.wait, row['case']);
      showDue(row.due, row['case']);
      row.node.classList.toggle('overdue', row.due.dataset.state === 'overdue');
    });
    var cur = state.current;
    if (cur && cur['case'] && cur.waitCell) {
      showWait(cur.waitCell, cur['case']);
      showDue(cur.dueCell, cur['case']);
    }
  }

  function markSelected() {
    var open = state.current ? state.current.conversation : null;
    state.rows.forEach(function (row) {
      var selected = row['case'].conversation === open;
      row.node.classList.toggle('selected', selected);
      row.node.setAttribute('aria-selected', selected ? 'true' : 'false');
    });
  }

  function findCase(conversation) {
    for (var i = 0; i < state.cases.length; i++) {
      if (state.cases[i].conversation === conversation) { return state.cases[i]; }
    }
    return null;
  }

  // The queue is the freshest word on who owns the open conversation: follow it. When the conversation
  // drops out of the queue (taken by someone this login cannot see, handed back, closed), ask the
  // conversation itself what became of it rather than guess.
  function followCurrentInQueue() {
    var cur = state.current;
    if (!cur) { return; }
    var c = findCase(cur.conversation);
    if (c) {
      cur.inQueue = true;
      cur['case'] = c;
      renderCaseHead();
    } else if (cur.inQueue) {
      cur.inQueue = false;
      loadConversation();
    }
  }

  // ---------------------------------------------------------------- the open conversation

  function openConversation(conversation) {
    if (state.current && state.current.conversation === conversation) {
      loadConversation();
      return;
    }
    saveDraft();
    state.current = {
      conversation: conversation,
      'case': findCase(conversation),
      inQueue: !!findCase(conversation),
      token: ++state.openToken,
      seqs: {},          // transcript entries shown, by seq
      noteSeqs: {},      // notes shown, by seq
      pendingReply: null, // {text, clientId} of a reply that did not reach the homeowner: a retry reuses the id
      waitCell: null,
      dueCell: null
    };
    clear(el.transcript);
    clear(el.notes);
    clear(el.facts);
    clear(el.tickets);
    setDelivery('', '');
    el.replyText.value = state.drafts[conversation] || '';
    try { history.replaceState(null, '', '#c=' + encodeURIComponent(conversation)); } catch (e) { /* cosmetic */ }
    markSelected();
    renderCaseHead();
    watch();
    loadConversation();
  }

  function saveDraft() {
    if (state.current) { state.drafts[state.current.conversation] = el.replyText.value; }
  }

  function loadConversation() {
    var cur = state.current;
    if (!cur) { return; }
    var token = cur.token;
    api('GET', conversationPath(cur.conversation)).then(function (data) {
      if (!state.current || state.current.token !== token) { return; } // the agent moved on
      cur['case'] = annotate(data['case'] || null, serverNow());
      renderCaseHead();
      (data.entries || []).forEach(addEntry);
      (data.notes || []).forEach(addNote);
      renderFacts(data.facts || {});
      renderTickets(data.tickets || []);
    }).catch(function (err) {
      if (!state.current || state.current.token !== token || err.leaving) { return; }
      if (err.status === 404 && el.transcript.childNodes.length) {
        // Closed while we looked at it: keep what is on screen, just stop offering actions on it.
        cur['case'] = null;
        renderCaseHead();
        return;
      }
      fail('打开会话失败')(err);
    });
  }

  function renderCaseHead() {
    var cur = state.current;
    clear(el.convoInfo);
    if (!cur) {
      el.convoInfo.textContent = '请从左侧队列选择一个会话';
      updateActions();
      return;
    }
    var c = cur['case'];
    var title = make('div', 'line');
    if (c) {
      title.appendChild(levelBadge(c));
      title.appendChild(make('strong', 'category', c.categoryLabel || c.category || '未分类'));
      title.appendChild(make('span', 'channel', channelLabel(c.channel)));
      title.appendChild(make('span', 'dealer', [c.dealerName || c.dealer || '总部', c.region].filter(Boolean).join(' · ')));
      if (c.ticketId) { title.appendChild(make('span', 'ticket-id', '工单 ' + c.ticketId)); }
    } else {
      title.appendChild(make('strong', null, '会话已结束或已交还机器人'));
    }
    el.convoInfo.appendChild(title);

    var sub = make('div', 'line sub');
    cur.waitCell = null;
    cur.dueCell = null;
    if (c) {
      var owner = make('span', 'owner', ownerText(c));
      owner.dataset.owner = c.owner ? (isMine(c) ? 'me' : 'other') : 'none';
      sub.appendChild(owner);
      cur.waitCell = sub.appendChild(make('span', 'wait'));
      cur.dueCell = sub.appendChild(make('span', 'due'));
      showWait(cur.waitCell, c);
      showDue(cur.dueCell, c);
    }
    sub.appendChild(make('span', 'conversation-id', cur.conversation));
    el.convoInfo.appendChild(sub);
    updateActions();
  }

  // Which buttons a case offers follows the desk's rules: take only a waiting case; hand back or close a
  // waiting case, your own, or (as a supervisor) anyone's; reply only to your own; reassign as a supervisor.
  function updateActions() {
    var cur = state.current;
    var c = cur ? cur['case'] : null;
    var mine = isMine(c);
    var mayFinish = !!c && (!c.owner || mine || isSupervisor());
    el.take.hidden = !(c && !c.owner);
    el.handback.hidden = !mayFinish;
    el.close.hidden = !mayFinish;
    el.reassignForm.hidden = !(c && isSupervisor());
    [el.take, el.handback, el.close].forEach(function (b) { b.disabled = state.acting; });
    el.reassignForm.querySelector('button').disabled = state.acting;

    el.replyText.disabled = !mine;
    el.replyText.readOnly = state.sending;
    el.replySend.disabled = !mine || state.sending;
    el.replyText.placeholder = mine ? '输入回复（Enter 发送，Shift+Enter 换行）'
      : (c && c.owner ? '该会话由他人接待，不能回复' : '接入会话后可回复');

    el.noteText.disabled = !c;
    el.noteSend.disabled = !c;
  }

  // ---------------------------------------------------------------- transcript

  // Entries are immutable and numbered: whatever the source (the GET, a socket frame, a reply's answer),
  // an entry is shown once, in seq order.
  function addEntry(entry) {
    var cur = state.current;
    if (!cur || !entry || typeof entry.seq !== 'number' || cur.seqs[entry.seq]) { return; }
    cur.seqs[entry.seq] = true;
    var stick = nearBottom(el.transcript);
    insertBySeq(el.transcript, entryNode(entry), entry.seq);
    if (stick) { el.transcript.scrollTop = el.transcript.scrollHeight; }
  }

  function nearBottom(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  }

  function insertBySeq(list, node, seq) {
    var children = list.children;
    for (var i = children.length - 1; i >= 0; i--) {
      if (Number(children[i].dataset.seq) < seq) {
        list.insertBefore(node, children[i].nextSibling);
        return;
      }
    }
    list.insertBefore(node, list.firstChild);
  }

  function authorName(entry) {
    if (entry.author === 'user') { return '顾客'; }
    if (entry.author === 'bot') { return '智能助手'; }
    return (entry.fields && entry.fields.agentName) || '客服';
  }

  function entryNode(entry) {
    var fields = entry.fields || {};
    var node = make('li', 'entry');
    node.dataset.author = entry.author || '';
    node.dataset.seq = String(entry.seq);
    node.dataset.kind = entry.kind || 'text';

    var meta = make('div', 'meta');
    meta.appendChild(make('span', 'who', authorName(entry)));
    meta.appendChild(make('span', 'time', formatTime(entry.at)));
    node.appendChild(meta);

    var bubble = make('div', 'bubble');
    if (entry.text) { bubble.appendChild(make('div', 'text', entry.text)); }
    appendAttachment(bubble, entry, fields);
    if (entry.kind === 'ticket' && fields.ticketId) {
      bubble.appendChild(make('div', 'ticket-ref', '工单 ' + fields.ticketId));
    }
    if (entry.options && entry.options.length) {
      var options = make('ol', 'options');
      entry.options.forEach(function (o) { options.appendChild(make('li', null, o.label)); });
      bubble.appendChild(options);
    }
    if (!bubble.childNodes.length) { bubble.appendChild(make('div', 'text muted', '（空消息）')); }
    node.appendChild(bubble);

    if (entry.author === 'agent') {
      var tag = make('span', 'delivery-tag');
      node.appendChild(tag);
      showDeliveryTag(tag, (state.delivery[state.current.conversation] || {})[entry.seq]);
    }
    return node;
  }

  // A photo is shown only from this site; anything else the homeowner sent that is not text is named.
  function appendAttachment(bubble, entry, fields) {
    if (entry.kind === 'photo') {
      var src = safeImageUrl(fields.url);
      if (src) {
        var img = document.createElement('img');
        img.alt = '顾客照片';
        img.loading = 'lazy';
        img.src = src;
        var link = make('a', 'photo');
        link.href = src;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.appendChild(img);
        bubble.appendChild(link);
      } else {
        bubble.appendChild(make('div', 'text muted', '[照片]'));
      }
    } else if (fields.messageKind && fields.messageKind !== 'text') {
      bubble.appendChild(make('div', 'text muted', '[' + (MESSAGE_KINDS[fields.messageKind] || fields.messageKind) + ']'));
    }
  }

  function showDeliveryTag(tag, status) {
    tag.dataset.status = status || '';
    tag.textContent = status ? (DELIVERY[status] || status) : '';
  }

  function markDelivered(seq, status) {
    var conversation = state.current.conversation;
    (state.delivery[conversation] = state.delivery[conversation] || {})[seq] = status;
    var tag = el.transcript.querySelector('.entry[data-seq="' + Number(seq) + '"] .delivery-tag');
    if (tag) { showDeliveryTag(tag, status); }
  }

  // ---------------------------------------------------------------- facts, tickets, notes

  function renderFacts(facts) {
    clear(el.facts);
    var names = Object.keys(facts);
    if (!names.length) {
      el.facts.appendChild(make('div', 'empty', '尚未收集到信息'));
      return;
    }
    names.forEach(function (name) {
      var row = make('div', 'fact');
      row.dataset.fact = name;
      row.appendChild(make('dt', null, name));
      row.appendChild(make('dd', null, factValue(facts[name])));
      el.facts.appendChild(row);
    });
  }

  function renderTickets(tickets) {
    clear(el.tickets);
    el.tickets.appendChild(newTicketForm());
    if (!tickets.length) {
      el.tickets.appendChild(make('li', 'empty', '暂无工单'));
      return;
    }
    tickets.forEach(function (t) {
      var item = make('li', 'ticket');
      item.dataset.ticket = t.id;
      var head = make('div', 'line');
      head.appendChild(make('span', 'ticket-id', t.id));
      var status = make('span', 'ticket-status', t.statusLabel || t.status || '');
      status.dataset.status = t.status || '';
      head.appendChild(status);
      item.appendChild(head);
      item.appendChild(make('div', 'sub', [t.levelLabel, t.categoryLabel || t.category].filter(Boolean).join(' · ')));
      if (t.dealerName || t.installer) {
        // A survey follow-up names the visit's dealer and fitter: the person calling back needs both.
        item.appendChild(make('div', 'sub', [t.dealerName, t.installer ? '安装师傅 ' + t.installer : '']
          .filter(Boolean).join(' · ')));
      }
      item.appendChild(timeLine('创建', t.createdAt));
      item.appendChild(timeLine('首次响应期限', t.firstResponseDueAt));
      item.appendChild(timeLine('解决期限', t.resolutionDueAt));
      item.appendChild(ticketForm(t));
      el.tickets.appendChild(item);
    });
  }

  // A ticket from what the conversation collected (shown under 已收集信息); the description fills in
  // what the homeowner did not say. The homeowner is told its number.
  function newTicketForm() {
    var item = make('li', 'new-ticket');
    var form = make('form', 'ticket-form');
    var description = make('input', 'ticket-description');
    description.type = 'text';
    description.maxLength = 1000;
    description.placeholder = '问题描述（客户未说明时补充）';
    var file = make('button', 'ticket-file', '按已收集信息登记工单');
    file.type = 'submit';
    form.appendChild(description);
    form.appendChild(file);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var cur = state.current;
      if (!cur) { return; }
      file.disabled = true;
      api('POST', conversationPath(cur.conversation, 'ticket'), { description: description.value.trim() })
        .then(function (ticket) {
          setStatus('ok', '已登记工单 ' + ticket.id);
          loadConversation();
        }).catch(fail('登记工单失败')).finally(function () { file.disabled = false; });
    });
    item.appendChild(form);
    return item;
  }

  var TICKET_STATUSES = [['pending', '待处理'], ['in_progress', '处理中'], ['resolved', '已解决'],
    ['unsatisfied', '未满意'], ['closed', '已关闭']];

  // Status, level and a note for the homeowner, sent as one change: it reaches the ticketing system through
  // the gateway's outbox like any other change, and the homeowner is told of a new status.
  function ticketForm(t) {
    var form = make('form', 'ticket-form');
    var status = make('select', 'ticket-status-select');
    TICKET_STATUSES.forEach(function (pair) {
      var option = make('option', null, pair[1]);
      option.value = pair[0];
      option.selected = pair[0] === t.status;
      status.appendChild(option);
    });
    var level = make('select', 'ticket-level-select');
    [1, 2, 3].forEach(function (n) {
      var option = make('option', null, n + '级');
      option.value = String(n);
      option.selected = n === t.level;
      level.appendChild(option);
    });
    var note = make('input', 'ticket-note');
    note.type = 'text';
    note.maxLength = 500;
    note.placeholder = '给客户的说明（可选）';
    var save = make('button', 'ticket-save', '更新工单');
    save.type = 'submit';
    [status, level, note, save].forEach(function (node) { form.appendChild(node); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var cur = state.current;
      if (!cur) { return; }
      save.disabled = true;
      api('POST', conversationPath(cur.conversation, 'ticket'), {
        ticketId: t.id, status: status.value, level: Number(level.value), note: note.value.trim()
      }).then(function () {
        setStatus('ok', '工单 ' + t.id + ' 已更新');
        loadConversation();
      }).catch(fail('工单更新失败')).finally(function () { save.disabled = false; });
    });
    return form;
  }

  function timeLine(label, iso) {
    return make('div', 'sub', label + '：' + (formatTime(iso) || '—'));
  }

  function addNote(entry) {
    var cur = state.current;
    if (!cur || !entry || typeof entry.seq !== 'number' || cur.noteSeqs[entry.seq]) { return; }
    cur.noteSeqs[entry.seq] = true;
    var item = make('li', 'note');
    item.dataset.seq = String(entry.seq);
    var meta = make('div', 'meta');
    meta.appendChild(make('span', 'who', authorName(entry)));
    meta.appendChild(make('span', 'time', formatTime(entry.at)));
    item.appendChild(meta);
    item.appendChild(make('div', 'text', entry.text || ''));
    insertBySeq(el.notes, item, entry.seq);
  }

  // ---------------------------------------------------------------- actions on the case

  // Runs one take / hand back / close / reassign; whatever the outcome, the queue and the conversation are
  // refetched, since a refusal (409: someone was faster) means our picture of the case is stale.
  function act(action, body, doneText) {
    var cur = state.current;
    if (!cur || state.acting) { return; }
    state.acting = true;
    updateActions();
    setStatus('info', '处理中…');
    api('POST', conversationPath(cur.conversation, action), body || {}).then(function (result) {
      setStatus('ok', doneText);
      if (result && result.conversation === cur.conversation && state.current === cur) {
        cur['case'] = annotate(result, serverNow()); // take and reassign answer with the case itself
      }
      if (action === 'take') { el.replyText.focus(); }
    }).catch(fail('操作失败')).finally(function () {
      state.acting = false;
      if (state.current === cur) { renderCaseHead(); }
      loadQueue();
      loadConversation();
    });
  }

  function reassign() {
    var to = el.reassignTo.value.trim();
    act('reassign', { to: to || null }, to ? '已转派给 ' + to : '已退回队列');
    el.reassignTo.value = '';
  }

  // ---------------------------------------------------------------- replying

  function setDelivery(status, text) {
    el.delivery.dataset.status = status;
    el.delivery.textContent = text;
    clear(byId('reply-routes'));
  }

  // Outside the window the server lists the routes open for this homeowner; each is a button that sends
  // the same words (same clientId) that way.
  function offerRoutes(routes) {
    var box = byId('reply-routes');
    clear(box);
    (routes || []).forEach(function (route) {
      if (!ROUTES[route]) { return; }
      var button = make('button', 'route', ROUTES[route]);
      button.type = 'button';
      button.dataset.route = route;
      button.addEventListener('click', function () { sendReply(route); });
      box.appendChild(button);
    });
  }

  function sendReply(route) {
    var cur = state.current;
    var text = el.replyText.value.trim();
    if (!cur || !text || state.sending || !isMine(cur['case'])) { return; }
    // The same text again after a failure keeps its clientId: the server stores it once and tries again.
    if (!cur.pendingReply || cur.pendingReply.text !== text) {
      cur.pendingReply = { text: text, clientId: newId() };
    }
    var attempt = cur.pendingReply;
    state.sending = true;
    updateActions();
    setDelivery('sending', DELIVERY.sending);
    var body = { clientId: attempt.clientId, text: text };
    if (typeof route === 'string') { body.route = route; }
    api('POST', conversationPath(cur.conversation, 'reply'), body)
      .then(function (result) {
        if (state.current !== cur) { return; }
        var delivery = (result && result.delivery) || { status: 'failed', detail: '' };
        if (result && result.entry) {
          addEntry(result.entry);
          markDelivered(result.entry.seq, delivery.status);
        }
        var label = DELIVERY[delivery.status] || delivery.status;
        setDelivery(delivery.status, delivery.detail && KEEP_TEXT[delivery.status] ? label + '（' + delivery.detail + '）' : label);
        if (delivery.status === 'outside_window') { offerRoutes(delivery.routes); }
        if (!KEEP_TEXT[delivery.status]) {
          cur.pendingReply = null;
          // Only clear what was sent: if the agent somehow changed the box meanwhile, keep their words.
          if (el.replyText.value.trim() === text) { el.replyText.value = ''; }
          state.drafts[cur.conversation] = '';
        }
      })
      .catch(function (err) {
        if (err.leaving || state.current !== cur) { return; }
        setDelivery('failed', DELIVERY.failed + '：' + err.message);
        fail('发送失败')(err);
        // 403/409: the case changed hands meanwhile; show who has it now.
        if (err.status === 403 || err.status === 409) {
          loadQueue();
          loadConversation();
        }
      })
      .finally(function () {
        state.sending = false;
        updateActions();
        if (state.current === cur && !el.replyText.disabled) { el.replyText.focus(); }
      });
  }

  function sendNote() {
    var cur = state.current;
    var text = el.noteText.value.trim();
    if (!cur || !text || el.noteSend.disabled) { return; }
    el.noteSend.disabled = true;
    api('POST', conversationPath(cur.conversation, 'notes'), { clientId: newId(), text: text })
      .then(function (entry) {
        if (state.current !== cur) { return; }
        addNote(entry);
        if (el.noteText.value.trim() === text) { el.noteText.value = ''; }
        setStatus('ok', '备注已添加');
      })
      .catch(fail('添加备注失败'))
      .finally(updateActions);
  }

  // ---------------------------------------------------------------- knowledge base

  function searchFaq() {
    var q = el.faqQ.value.trim();
    if (!q) { return; }
    api('GET', '/api/agent/faq?q=' + encodeURIComponent(q)).then(function (data) {
      renderHits((data && data.hits) || []);
    }).catch(fail('知识库搜索失败'));
  }

  function renderHits(hits) {
    clear(el.faqHits);
    if (!hits.length) {
      el.faqHits.appendChild(make('li', 'empty', '没有找到相关答案'));
      return;
    }
    hits.forEach(function (hit) {
      var item = make('li', 'hit');
      item.dataset.id = String(hit.id);
      item.appendChild(make('div', 'question', hit.question));
      item.appendChild(make('div', 'answer', hit.answer));
      var insert = make('button', 'insert secondary', '插入');
      insert.type = 'button';
      insert.addEventListener('click', function () { insertIntoReply(hit.answer || ''); });
      item.appendChild(insert);
      el.faqHits.appendChild(item);
    });
  }

  // Puts text where the cursor is in the reply box (or replaces the selection); nothing is sent.
  function insertIntoReply(text) {
    var box = el.replyText;
    var start = typeof box.selectionStart === 'number' ? box.selectionStart : box.value.length;
    var end = typeof box.selectionEnd === 'number' ? box.selectionEnd : box.value.length;
    box.setRangeText(text, start, end, 'end');
    if (!box.disabled) { box.focus(); }
    if (box.disabled) { setStatus('info', '答案已放入回复框；接入会话后才能发送'); }
  }

  // ---------------------------------------------------------------- the socket

  function connect() {
    var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    var socket = new WebSocket(scheme + location.host + '/api/agent/socket');
    state.socket = socket;
    setConn('connecting', '连接中…');
    socket.onopen = function () {
      if (state.socket !== socket) { return; }
      state.retry = 0;
      setConn('online', '实时连接');
      watch();
      if (state.everConnected) {
        // Whatever happened while we were away is fetched, not assumed.
        loadQueue();
        loadConversation();
      }
      state.everConnected = true;
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      receive(frame);
    };
    socket.onclose = function () {
      if (state.socket !== socket) { return; }
      state.socket = null;
      setConn('offline', '连接断开，正在重连…');
      // An expired session also closes the socket; the queue request finds out and goes to the login page.
      loadQueue();
      var wait = Math.min(30000, 1000 * Math.pow(2, state.retry++)) + Math.floor(Math.random() * 500);
      setTimeout(connect, wait);
    };
  }

  function receive(frame) {
    var cur = state.current;
    if (frame.type === 'queue') {
      loadQueue();
    } else if (frame.type === 'entry') {
      if (cur && frame.conversation === cur.conversation) { addEntry(frame.entry); }
    } else if (frame.type === 'note') {
      if (cur && frame.conversation === cur.conversation) { addNote(frame.entry); }
    }
    // "pong" needs nothing: that a frame arrived at all is the point.
  }

  function send(frame) {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) {
      state.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  // The highest seq shown: the server sends what came after it, so nothing between the GET and the watch
  // is lost (nor shown twice: entries are deduplicated by seq anyway).
  function highest(seqs) {
    return Object.keys(seqs).reduce(function (max, seq) { return Math.max(max, Number(seq)); }, 0);
  }

  function watch() {
    var cur = state.current;
    if (cur) {
      send({ type: 'watch', conversation: cur.conversation, after: highest(cur.seqs), notesAfter: highest(cur.noteSeqs) });
    }
  }

  function setConn(kind, text) {
    el.conn.dataset.state = kind;
    el.conn.textContent = text;
  }

  // ---------------------------------------------------------------- wiring

  function bindEnterToSubmit(textarea, form) {
    textarea.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  function wire() {
    el.logout.addEventListener('click', logout);
    el.take.addEventListener('click', function () { act('take', {}, '已接入，可以回复了'); });
    el.handback.addEventListener('click', function () { act('handback', {}, '已交还机器人'); });
    el.close.addEventListener('click', function () { act('close', {}, '会话已结束'); });
    el.reassignForm.addEventListener('submit', function (event) { event.preventDefault(); reassign(); });
    el.replyForm.addEventListener('submit', function (event) { event.preventDefault(); sendReply(); });
    el.noteForm.addEventListener('submit', function (event) { event.preventDefault(); sendNote(); });
    el.faqForm.addEventListener('submit', function (event) { event.preventDefault(); searchFaq(); });
    el.replyText.addEventListener('input', function () {
      if (el.delivery.dataset.status !== 'sending') { setDelivery('', ''); }
    });
    bindEnterToSubmit(el.replyText, el.replyForm);
    bindEnterToSubmit(el.noteText, el.noteForm);
  }

  function startTimers() {
    setInterval(tickRows, 1000);
    setInterval(function () {
      loadQueue();
      // Without the socket no entries are pushed: the open conversation is polled along with the queue.
      if (!state.socket || state.socket.readyState !== WebSocket.OPEN) { loadConversation(); }
    }, QUEUE_REFRESH_MS);
    setInterval(function () { send({ type: 'ping' }); }, PING_MS);
  }

  // A reload keeps the open conversation: its key is in the address (#c=…).
  function conversationFromAddress() {
    var m = /^#c=(.+)$/.exec(location.hash);
    if (!m) { return null; }
    try { return decodeURIComponent(m[1]); } catch (e) { return null; }
  }

  function start() {
    loadMe().then(function () {
      updateActions();
      loadQueue();
      connect();
      startTimers();
      var open = conversationFromAddress();
      if (open) { openConversation(open); }
    }).catch(function (err) {
      if (err.leaving) { return; }
      fail('读取登录信息失败，5 秒后重试')(err);
      setTimeout(start, 5000);
    });
  }

  wire();
  updateActions();
  start();
})();
