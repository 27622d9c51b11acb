// The benchmark conversation (bench/README.md) on the official Bot Framework JS SDK, hosted as its samples do:
// restify, CloudAdapter without an app id (replies go to the activity's serviceUrl, the Connector stand-in),
// ConversationState + UserState on MemoryStorage (its fastest store).
//
// The waterfall has our bot's 17 steps: a welcome when the bot is added, then one prompt per step with the same
// words, buttons and Adaptive Cards (replies.json, recorded from our bot by bench/record.sh), each answer
// recognised by the SDK's own prompt for it (ConfirmPrompt for yes/no, ChoicePrompt for a list or a checklist's
// typed "None of these", NumberPrompt 0-10 for the pain score), and at the end the advice, the exercise cards and
// the check-in question. The SDK has no prompt for a form card, so the scope form is a small Prompt subclass that
// takes the data of the card's Action.Execute (an adaptiveCard/action invoke), answered with our bot's invoke
// response for that turn (the card that replaces the form), as recorded.
// What the SDK cannot do as ours does (warning signs recognised in any answer, advice and exercises chosen from
// the answers) is left out, so the JS bot does less work per turn than ours.
const restify = require('restify');
const {
    CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, UserState, MemoryStorage, ActivityHandler, ActivityTypes
} = require('botbuilder');
const {
    Dialog, DialogSet, WaterfallDialog, ConfirmPrompt, ChoicePrompt, NumberPrompt, Prompt, DialogTurnStatus, ListStyle
} = require('botbuilder-dialogs');
const replies = require('./replies.json');

const port = Number(process.env.PORT || 3979);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
    console.error(`turn error: ${error.message}`);
    await context.sendActivity('Sorry, something went wrong.');
};

const storage = new MemoryStorage();
const conversationState = new ConversationState(storage);
const userState = new UserState(storage);
const dialogState = conversationState.createProperty('dialogState');
const profile = userState.createProperty('profile');

// The buttons of a reply: suggested actions, or the card's actions.
const titles = (activity) => {
    const found = (activity.suggestedActions?.actions ?? []).map((a) => a.title);
    const walk = (node) => {
        if (Array.isArray(node)) { node.forEach(walk); return; }
        if (node && typeof node === 'object') {
            if ((node.type === 'Action.Execute' || node.type === 'Action.Submit') && node.title) { found.push(node.title); return; }
            Object.values(node).forEach(walk);
        }
    };
    walk(activity.attachments ?? []);
    return found;
};

// Whether a card holds an input of the given type (the pain score's Input.Number, a form's Input.ChoiceSet).
const hasInput = (activity, type) => JSON.stringify(activity.attachments ?? []).includes(`"type":"${type}"`);

// A form card's answer: the data of its Action.Execute (Teams merges the inputs into it). The SDK's Prompt only
// continues on message activities, so an invoke is recognised here and ends the prompt with the card's data.
class CardPrompt extends Prompt {
    async continueDialog(dc) {
        if (dc.context.activity.type !== ActivityTypes.Invoke) {
            return super.continueDialog(dc);
        }
        const { state, options } = dc.activeDialog.state;
        const recognized = await this.onRecognize(dc.context, state, options);
        return recognized.succeeded ? dc.endDialog(recognized.value) : Dialog.EndOfTurn;
    }

    async onPrompt(context, state, options, isRetry) {
        await context.sendActivity(isRetry && options.retryPrompt ? options.retryPrompt : options.prompt);
    }

    async onRecognize(context) {
        const { activity } = context;
        const data = activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action' ? activity.value?.action?.data : activity.value;
        return data && typeof data === 'object' ? { succeeded: true, value: data } : { succeeded: false };
    }
}

const invokeResponse = Symbol('invokeResponse');
const dialogs = new DialogSet(dialogState);
dialogs.add(new CardPrompt('card'));
dialogs.add(new ConfirmPrompt('confirm'));
dialogs.add(new ChoicePrompt('choice'));
dialogs.add(new NumberPrompt('score', async (prompt) =>
    prompt.recognized.succeeded && Number.isInteger(prompt.recognized.value) &&
    prompt.recognized.value >= 0 && prompt.recognized.value <= 10));

// Step i sends replies[i]: the messages before its question, then the question as the prompt.
const step = (i) => async (step) => {
    if (i > 0) {
        step.values[`answer${i}`] = step.result?.value ?? step.result;
    }
    if (i === replies.length - 1) {
        await profile.set(step.context, { ...step.values });
    }
    const recorded = replies[i].find((m) => m.invokeResponse)?.invokeResponse;
    if (recorded) {
        step.context.turnState.set(invokeResponse, recorded);
    }
    const messages = replies[i].filter((m) => !m.invokeResponse).map((m) => ({ type: ActivityTypes.Message, ...m }));
    const question = messages.pop();
    if (messages.length > 0) {
        await step.context.sendActivities(messages);
    }
    const buttons = titles(question);
    if (hasInput(question, 'Input.Number')) {
        return step.prompt('score', { prompt: question, retryPrompt: 'Please enter a whole number from 0 to 10.' });
    }
    if (buttons.length === 1 && hasInput(question, 'Input.ChoiceSet')) {
        return step.prompt('card', { prompt: question });
    }
    if (buttons.length === 2 && buttons[0] === 'Yes' && buttons[1] === 'No') {
        return step.prompt('confirm', { prompt: question, style: ListStyle.none });
    }
    return step.prompt('choice', { prompt: question, choices: buttons, style: ListStyle.none });
};
dialogs.add(new WaterfallDialog('assessment', [...replies.map((_, i) => step(i)), async (step) => step.endDialog(step.result)]));

class AssessmentBot extends ActivityHandler {
    constructor() {
        super();
        this.onMembersAdded(async (context, next) => {
            if (context.activity.membersAdded.some((m) => m.id === context.activity.recipient.id)) {
                const dc = await dialogs.createContext(context);
                await dc.beginDialog('assessment');
            }
            await next();
        });
        this.onMessage(async (context, next) => {
            const dc = await dialogs.createContext(context);
            const result = await dc.continueDialog();
            if (result.status === DialogTurnStatus.empty) {
                await dc.beginDialog('assessment');
            }
            await next();
        });
    }

    // A card's Action.Execute: the dialog takes its data as the answer; the invoke is answered as our bot answers it.
    async onAdaptiveCardInvoke(context) {
        const dc = await dialogs.createContext(context);
        await dc.continueDialog();
        return context.turnState.get(invokeResponse) ?? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Received' };
    }

    async run(context) {
        await super.run(context);
        await conversationState.saveChanges(context, false);
        await userState.saveChanges(context, false);
    }
}

const bot = new AssessmentBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (req, res, next) => { res.send(200, 'ok'); return next(); });
server.listen(port, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${port}`));
