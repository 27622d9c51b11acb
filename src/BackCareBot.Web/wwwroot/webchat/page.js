'use strict';
// Starts (or resumes) a conversation with the bot's own Direct Line and renders the official Web Chat.
(function () {
  const domain = location.origin + '/v3/directline';
  const sessionKey = 'backcarebot.session';
  const localeKey = 'backcarebot.locale';
  const params = new URLSearchParams(location.search);
  // ?transport=polling uses HTTP polling instead of the WebSocket stream.
  const webSocket = params.get('transport') !== 'polling';

  function currentLocale() {
    const saved = localStorage.getItem(localeKey);
    if (saved) return saved;
    return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
  }

  async function call(path, token) {
    const response = await fetch(domain + path, {
      method: 'POST',
      headers: token ? { Authorization: 'Bearer ' + token } : {}
    });
    if (!response.ok) throw new Error(path + ' answered ' + response.status);
    return response.json();
  }

  // A saved conversation is resumed with a refreshed token; an expired one is replaced by a new conversation.
  async function session() {
    const saved = JSON.parse(localStorage.getItem(sessionKey) || 'null');
    if (saved && saved.token && saved.conversationId) {
      try {
        const refreshed = await call('/tokens/refresh', saved.token);
        return { conversationId: refreshed.conversationId, token: refreshed.token, resumed: true };
      } catch (_) {
        localStorage.removeItem(sessionKey);
      }
    }
    const fresh = await call('/tokens/generate');
    return { conversationId: fresh.conversationId, token: fresh.token, resumed: false };
  }

  function remember(conversationId, token) {
    localStorage.setItem(sessionKey, JSON.stringify({ conversationId, token }));
  }

  function showLocale(locale) {
    for (const button of document.querySelectorAll('[data-locale]')) {
      button.setAttribute('aria-pressed', String(button.dataset.locale === locale));
    }
    document.documentElement.lang = locale;
  }

  async function start() {
    const locale = currentLocale();
    showLocale(locale);
    const [current, hostConfig] = await Promise.all([
      session(),
      fetch('webchat/hostconfig-microsoft-teams-light.json').then(r => r.json())
    ]);
    remember(current.conversationId, current.token);

    const options = { domain, token: current.token, webSocket };
    // With a conversationId Direct Line reconnects (GET conversations/{id}) and replays the earlier messages.
    if (current.resumed) options.conversationId = current.conversationId;
    const directLine = window.WebChat.createDirectLine(options);
    // Keep the newest token so a reload within its lifetime resumes the same conversation.
    const refresh = setInterval(async () => {
      try {
        const next = await call('/tokens/refresh', JSON.parse(localStorage.getItem(sessionKey)).token);
        remember(next.conversationId, next.token);
      } catch (_) { clearInterval(refresh); }
    }, 10 * 60 * 1000);

    const store = window.WebChat.createStore();
    window.WebChat.renderWebChat({
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

    document.getElementById('start-over').addEventListener('click', () => {
      store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: 'start over' } });
    });
    for (const button of document.querySelectorAll('[data-locale]')) {
      button.addEventListener('click', () => {
        localStorage.setItem(localeKey, button.dataset.locale);
        location.reload();
      });
    }
    document.querySelector('#webchat input, #webchat textarea')?.focus();
  }

  start().catch(error => {
    document.getElementById('webchat').textContent = 'The chat could not start: ' + error.message;
  });
})();
