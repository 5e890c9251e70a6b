// The survey page (/s/{code}): the survey's questions as a form, each answer kept as it is given, skip
// logic applied live, one submit. Every text is set with textContent; the page's own words are the
// data-* attributes of #survey in index.html, the survey's come from the server.
(function () {
  'use strict';

  var root = document.getElementById('survey');
  var words = root.dataset;
  var code = location.pathname.split('/')[2] || '';
  var base = '/s/' + encodeURIComponent(code);
  var questionsEl = document.getElementById('questions');
  var statusEl = document.getElementById('status');
  var submitEl = document.getElementById('submit');
  var survey = null;
  var answers = {};
  var blocks = {};
  // Answers go out one at a time, in the order given, so a score lands before the "why" it opens.
  var queue = Promise.resolve();
  var done = false;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function status(text, bad) {
    statusEl.textContent = text || '';
    statusEl.classList.toggle('bad', !!bad);
  }

  function post(path, body) {
    return fetch(base + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store'
    });
  }

  function holds(cond) {
    var a = answers[cond.question];
    if (a === undefined || a === null) { return false; }
    if (cond.test === 'at_most') { return typeof a === 'number' && a <= cond.number; }
    if (cond.test === 'at_least') { return typeof a === 'number' && a >= cond.number; }
    return a === cond.label;
  }

  // A low answer was passed to a person: said under the question it came from (at the top after a reload).
  function notice(text, after) {
    var n = document.getElementById('notice');
    n.textContent = text;
    questionsEl.insertBefore(n, after ? after.nextSibling : questionsEl.firstChild);
    n.hidden = false;
  }

  function applySkipLogic() {
    survey.questions.forEach(function (q) {
      blocks[q.id].hidden = !!q.askIf && !holds(q.askIf);
    });
  }

  function press(group, button) {
    Array.prototype.forEach.call(group.querySelectorAll('button'), function (b) {
      b.setAttribute('aria-pressed', b === button ? 'true' : 'false');
    });
  }

  function save(questionId, value) {
    answers[questionId] = value;
    applySkipLogic();
    status(words.saving);
    queue = queue.then(function () {
      if (done) { return; }
      return post('/answers', { questionId: questionId, value: value }).then(function (r) {
        if (r.status === 409) { return load(); }
        if (!r.ok) { throw new Error('answer ' + r.status); }
        status(words.saved);
        return r.json().then(function (body) {
          if (body.followUp) { notice(body.followUp, blocks[questionId]); }
        });
      });
    }).catch(function () {
      status(words.failed, true);
    });
    return queue;
  }

  function buttons(q, className, values, label) {
    var group = el('div', 'choices ' + className);
    group.setAttribute('role', 'group');
    values.forEach(function (v) {
      var b = el('button');
      b.type = 'button';
      b.dataset.value = String(v);
      b.setAttribute('aria-pressed', answers[q.id] === v ? 'true' : 'false');
      label(b, v);
      b.addEventListener('click', function () {
        if (done) { return; }
        press(group, b);
        save(q.id, v);
      });
      group.appendChild(b);
    });
    return group;
  }

  function range(min, max) {
    var out = [];
    for (var i = min; i <= max; i++) { out.push(i); }
    return out;
  }

  function ends(low, high) {
    var row = el('div', 'ends');
    row.appendChild(el('span', null, low));
    row.appendChild(el('span', null, high));
    return row;
  }

  function render() {
    document.getElementById('title').textContent = survey.title;
    document.title = survey.title;
    document.getElementById('intro').textContent = survey.intro;
    var kept = document.getElementById('notice');
    while (questionsEl.firstChild) { questionsEl.removeChild(questionsEl.firstChild); }
    kept.hidden = true;
    questionsEl.appendChild(kept);
    survey.questions.forEach(function (q) {
      var block = el('section', 'q');
      block.dataset.question = q.id;
      block.dataset.type = q.type;
      block.appendChild(el('p', 'text', q.text));
      if (q.type === 'scale') {
        block.appendChild(buttons(q, 'scale', range(q.min, q.max), function (b, v) {
          b.appendChild(el('span', 'star', '★'));
          b.appendChild(el('span', null, v));
        }));
        block.appendChild(ends(q.min + ' ' + words.scaleLow, q.max + ' ' + words.scaleHigh));
      } else if (q.type === 'nps') {
        block.appendChild(buttons(q, 'nps', range(q.min, q.max), function (b, v) { b.textContent = String(v); }));
        block.appendChild(ends(q.min + ' ' + words.npsLow, q.max + ' ' + words.npsHigh));
      } else if (q.type === 'yes-no') {
        block.appendChild(buttons(q, 'yes-no', ['yes', 'no'], function (b, v) {
          b.textContent = v === 'yes' ? words.yes : words.no;
        }));
      } else if (q.type === 'choice') {
        block.appendChild(buttons(q, 'choice', q.options, function (b, v) { b.textContent = v; }));
      } else {
        var area = el('textarea');
        area.maxLength = 1000;
        area.rows = 3;
        area.placeholder = words.placeholder;
        area.value = typeof answers[q.id] === 'string' ? answers[q.id] : '';
        area.addEventListener('change', function () { saveText(q.id, area); });
        block.appendChild(area);
      }
      blocks[q.id] = block;
      questionsEl.appendChild(block);
    });
    applySkipLogic();
    if (survey.followUp) { notice(survey.followUp, null); }
    submitEl.hidden = false;
  }

  function saveText(questionId, area) {
    var text = area.value.trim();
    if (done || text === '' || text === answers[questionId]) { return queue; }
    return save(questionId, text);
  }

  /** Text typed but not yet saved (the homeowner went straight to submit). */
  function flushTexts() {
    survey.questions.forEach(function (q) {
      if (q.type === 'text' && !blocks[q.id].hidden) {
        saveText(q.id, blocks[q.id].querySelector('textarea'));
      }
    });
    return queue;
  }

  function thank(closing) {
    done = true;
    questionsEl.hidden = true;
    submitEl.hidden = true;
    status('');
    document.getElementById('closing').textContent = closing || '';
    document.getElementById('thanks').hidden = false;
  }

  function load() {
    return fetch(base + '/survey', { cache: 'no-store' }).then(function (r) {
      if (r.status === 404) {
        done = true;
        questionsEl.hidden = true;
        submitEl.hidden = true;
        status(words.gone, true);
        return;
      }
      if (!r.ok) { throw new Error('survey ' + r.status); }
      return r.json().then(function (s) {
        survey = s;
        answers = s.answers || {};
        if (s.completed) {
          document.getElementById('title').textContent = s.title;
          document.getElementById('intro').textContent = '';
          thank(s.closing);
          return;
        }
        render();
      });
    }).catch(function () {
      status(words.failed, true);
    });
  }

  submitEl.addEventListener('click', function () {
    if (done || !survey) { return; }
    submitEl.disabled = true;
    status(words.sending);
    flushTexts().then(function () {
      if (done) { return; }
      return post('/submit', {}).then(function (r) {
        if (r.status === 400) {
          status(words.unanswered, true);
          return;
        }
        if (r.status !== 200 && r.status !== 409) { throw new Error('submit ' + r.status); }
        return r.json().then(function (body) { thank(body.closing); });
      });
    }).catch(function () {
      status(words.failed, true);
    }).then(function () {
      submitEl.disabled = false;
    });
  });

  load();
}());
