'use strict';
// Starts (or resumes) a conversation with the bot's own Direct Line and renders the official Web Chat.
(function () {
  const domain = location.origin + '/v3/directline';
  const sessionKey = 'backcarebot.session';
  const localeKey = 'backcarebot.locale';
  const params = new URLSearchParams(location.search);
  // ?transport=polling uses HTTP polling instead of the WebSocket stream.
  const webSocket = params.get('transport') !== 'polling';

  // The saved choice wins; otherwise the first of the browser's languages that the bot speaks; otherwise English.
  function preferredLocale() {
    const saved = localStorage.getItem(localeKey);
    if (saved === 'en-US' || saved === 'zh-CN') return saved;
    for (const tag of navigator.languages || [navigator.language || '']) {
      const language = tag.toLowerCase();
      if (language.startsWith('zh')) return 'zh-CN';
      if (language.startsWith('en')) return 'en-US';
    }
    return 'en-US';
  }

  async function call(path, token, body) {
    const headers = token ? { Authorization: 'Bearer ' + token } : {};
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch(domain + path, { method: 'POST', headers, body: body && JSON.stringify(body) });
    if (!response.ok) throw new Error(path + ' answered ' + response.status);
    return response.json();
  }

  // A saved conversation is resumed with a refreshed token; an expired one is replaced by a new conversation, which
  // the page starts itself so that the bot's greeting (its conversationUpdate) carries the page's language.
  async function session(locale) {
    const saved = JSON.parse(localStorage.getItem(sessionKey) || 'null');
    if (saved && saved.token && saved.conversationId) {
      try {
        const refreshed = await call('/tokens/refresh', saved.token);
        return { conversationId: refreshed.conversationId, token: refreshed.token };
      } catch (_) {
        localStorage.removeItem(sessionKey);
      }
    }
    const fresh = await call('/tokens/generate');
    const started = await call('/conversations', fresh.token, { locale });
    return { conversationId: started.conversationId, token: started.token || fresh.token };
  }

  function remember(conversationId, token) {
    localStorage.setItem(sessionKey, JSON.stringify({ conversationId, token }));
  }

  function showLocale(locale) {
    for (const button of document.querySelectorAll('[data-locale]')) {
      button.setAttribute('aria-pressed', String(button.dataset.locale === locale));
    }
    document.documentElement.lang = locale;
    const startOver = document.getElementById('start-over');
    startOver.dataset.en = startOver.dataset.en || startOver.textContent;
    startOver.textContent = locale === 'zh-CN' ? startOver.dataset.zh : startOver.dataset.en;
  }

  // Sends once Web Chat has taken the new language, so the message carries it as its locale.
  function sendInLanguage(store, locale, text) {
    const send = () => store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text } });
    if (store.getState().language === locale) return send();
    const stop = store.subscribe(() => {
      if (store.getState().language !== locale) return;
      stop();
      send();
    });
  }

  async function start() {
    let locale = preferredLocale();
    showLocale(locale);
    const [current, hostConfig] = await Promise.all([
      session(locale),
      fetch('webchat/hostconfig-microsoft-teams-light.json').then(r => r.json())
    ]);
    remember(current.conversationId, current.token);

    // With a conversationId Direct Line connects to it (GET conversations/{id}) and replays the earlier messages.
    const directLine = window.WebChat.createDirectLine({ domain, token: current.token, conversationId: current.conversationId, webSocket });
    // Keep the newest token so a reload within its lifetime resumes the same conversation.
    const refresh = setInterval(async () => {
      try {
        const next = await call('/tokens/refresh', JSON.parse(localStorage.getItem(sessionKey)).token);
        remember(next.conversationId, next.token);
      } catch (_) { clearInterval(refresh); }
    }, 10 * 60 * 1000);

    const store = window.WebChat.createStore({}, window.BackCareBotCards.create(() => locale));
    const render = () => window.WebChat.renderWebChat({
      directLine,
      store,
      locale,
      adaptiveCardsHostConfig: hostConfig,
      styleOptions: {
        botAvatarImage: 'webchat/bot-avatar.svg',
        botAvatarInitials: 'BC',
        userAvatarInitials: locale === 'zh-CN' ? '我' : 'You',
        hideUploadButton: true,
        suggestedActionLayout: 'flow'
      }
    }, document.getElementById('webchat'));
    render();

    document.getElementById('start-over').addEventListener('click', () => {
      store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: 'start over' } });
    });
    // Switching asks the bot with its own command, which answers in the new language and asks the open question again.
    for (const button of document.querySelectorAll('[data-locale]')) {
      button.addEventListener('click', () => {
        if (button.dataset.locale === locale) return;
        locale = button.dataset.locale;
        localStorage.setItem(localeKey, locale);
        showLocale(locale);
        render();
        sendInLanguage(store, locale, locale === 'zh-CN' ? '中文' : 'English');
      });
    }
    document.querySelector('#webchat input, #webchat textarea')?.focus();
  }

  start().catch(error => {
    document.getElementById('webchat').textContent = 'The chat could not start: ' + error.message;
  });
})();
