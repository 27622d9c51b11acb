'use strict';
// Settles answered cards in the local Web Chat, as Teams replaces them: a pressed card shows the answer instead of
// its buttons and inputs, and a question card that a later message answered (a typed answer, a command, a newer
// copy of the question) says it is closed. Exercise cards stay open until one of their buttons is pressed, or until
// a newer plan (exercise cards of a later turn) arrives. The page replaces the card in Web Chat's own store, the way
// an update from the bot would; a press that reaches no open card is not sent.
window.BackCareBotCards = (function () {
  const cardType = 'application/vnd.microsoft.card.adaptive';
  const settledMark = 'backcarebot:settled';
  const strings = {
    'en-US': {
      answered: 'You answered: {answer}',
      noted: 'Noted: {answer}',
      closed: 'This question is closed. The current question is further down the chat.',
      replaced: 'A newer plan is further down the chat.'
    },
    'zh-CN': {
      answered: '你的回答：{answer}',
      noted: '已记录：{answer}',
      closed: '这个问题已经结束。当前的问题在聊天的下方。',
      replaced: '更新的计划在聊天的下方。'
    }
  };

  const isSubmit = action => action && (action.type === 'Action.Submit' || action.type === 'Action.Execute');

  // Every element list of a card and of the cards its Action.ShowCard buttons open.
  function forEachElement(container, visit) {
    for (const key of ['body', 'items']) {
      for (const element of container[key] || []) {
        visit(element);
        forEachElement(element, visit);
        for (const column of element.columns || []) forEachElement(column, visit);
        for (const action of element.actions || []) if (action.card) forEachElement(action.card, visit);
      }
    }
    for (const action of container.actions || []) if (action.card) forEachElement(action.card, visit);
  }

  function describe(card) {
    const submits = [];
    const inputs = [];
    const collect = actions => { for (const action of actions || []) if (isSubmit(action)) submits.push(action); };
    collect(card.actions);
    forEachElement(card, element => {
      if (element.type === 'ActionSet') collect(element.actions);
      if (typeof element.type === 'string' && element.type.startsWith('Input.')) inputs.push(element.id);
    });
    return { submits, inputs };
  }

  // The card with its buttons that send and its inputs removed, and one line in bold at the end.
  function settledCard(card, line) {
    const copy = JSON.parse(JSON.stringify(card));
    const strip = container => {
      if (Array.isArray(container.actions)) {
        container.actions = container.actions.filter(a => !isSubmit(a));
        for (const action of container.actions) if (action.card) strip(action.card);
      }
      for (const key of ['body', 'items']) {
        if (!Array.isArray(container[key])) continue;
        container[key] = container[key].filter(e => !(typeof e.type === 'string' && e.type.startsWith('Input.')));
        for (const element of container[key]) {
          strip(element);
          for (const column of element.columns || []) strip(column);
        }
        container[key] = container[key].filter(e => !(e.type === 'ActionSet' && e.actions.length === 0));
      }
    };
    strip(copy);
    copy.body = (copy.body || []).concat([{ type: 'TextBlock', text: line, wrap: true, weight: 'Bolder' }]);
    return copy;
  }

  // The data a button carries is part of what it sends (inputs are added to it).
  const matches = (action, value) =>
    action.data && typeof action.data === 'object' && typeof value === 'object' && value !== null &&
    Object.keys(action.data).every(key => JSON.stringify(action.data[key]) === JSON.stringify(value[key]));

  function create(currentLocale) {
    const open = []; // cards that can still be answered, oldest first
    const text = (key, answer) => (strings[currentLocale()] || strings['en-US'])[key].replace('{answer}', answer);

    function cardOf(activity) {
      if (!activity || activity.from?.role === 'user' || activity.channelData?.[settledMark]) return null;
      const index = (activity.attachments || []).findIndex(a => a.contentType === cardType && a.content);
      if (index < 0) return null;
      const { submits, inputs } = describe(activity.attachments[index].content);
      if (submits.length === 0) return null;
      const feedback = submits.some(a => a.data && typeof a.data === 'object' && 'exercise' in a.data);
      return { id: activity.id, index, submits, inputs, feedback, turn: activity.replyToId };
    }

    function settle(store, card, line) {
      open.splice(open.indexOf(card), 1);
      const current = store.getState().activities.find(a => a.id === card.id);
      if (!current) return;
      const attachments = current.attachments.slice();
      attachments[card.index] = { ...attachments[card.index], content: settledCard(attachments[card.index].content, line) };
      store.dispatch({
        type: 'DIRECT_LINE/INCOMING_ACTIVITY',
        payload: { activity: { ...current, attachments, channelData: { ...current.channelData, [settledMark]: true } } }
      });
    }

    // The newest open card that a press with this value came from.
    const pressed = value => open.slice().reverse().find(card => card.submits.some(action => matches(action, value)));

    function answerOf(card, value) {
      if (card.inputs.length > 0) return card.inputs.map(id => value[id]).filter(v => v !== undefined && v !== '').join(', ');
      return card.submits.find(action => matches(action, value)).title;
    }

    function onUserMessage(store, activity) {
      const value = activity.value;
      const card = value !== undefined ? pressed(value) : null;
      if (card) settle(store, card, text(card.feedback ? 'noted' : 'answered', answerOf(card, value)));
      // Feedback on an exercise card answers no question; anything else answers (or replaces) the open question.
      if (card?.feedback || (value && typeof value === 'object' && 'exercise' in value)) return;
      const typed = (activity.text || '').trim().toLowerCase();
      for (const question of open.filter(c => !c.feedback)) {
        const button = typed && question.submits.find(a => (a.title || '').trim().toLowerCase() === typed);
        settle(store, question, button ? text('answered', button.title) : text('closed'));
      }
    }

    function onBotCard(store, card) {
      const known = open.findIndex(c => c.id === card.id);
      if (known >= 0) open.splice(known, 1);
      if (card.feedback) {
        for (const older of open.filter(c => c.feedback && c.turn !== card.turn)) settle(store, older, text('replaced'));
      }
      open.push(card);
    }

    // Web Chat store middleware.
    return store => next => action => {
      if (action.type === 'WEB_CHAT/SEND_POST_BACK') {
        const card = pressed(action.payload.value);
        if (!card) return undefined; // the card was answered already: nothing is sent
        settle(store, card, text(card.feedback ? 'noted' : 'answered', answerOf(card, action.payload.value)));
        return next(action);
      }

      const result = next(action);
      if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
        const activity = action.payload.activity;
        if (activity.from?.role === 'user') {
          onUserMessage(store, activity);
        } else if (!activity.channelData?.[settledMark]) {
          const card = cardOf(activity);
          if (card) {
            onBotCard(store, card);
          } else {
            const known = open.findIndex(c => c.id === activity.id); // an update without buttons
            if (known >= 0) open.splice(known, 1);
          }
        }
      }
      return result;
    };
  }

  return { create };
})();
