// The benchmark waterfall (bench/README.md) on the official Bot Framework JS SDK, hosted as its samples do:
// restify, CloudAdapter without an app id, ConversationState + UserState on MemoryStorage (its fastest store).
const restify = require('restify');
const {
    CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, UserState, MemoryStorage, ActivityHandler
} = require('botbuilder');
const {
    DialogSet, WaterfallDialog, ConfirmPrompt, ChoicePrompt, NumberPrompt, DialogTurnStatus
} = require('botbuilder-dialogs');

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

const dialogs = new DialogSet(dialogState);
dialogs.add(new ConfirmPrompt('consent'));
dialogs.add(new ConfirmPrompt('eases'));
dialogs.add(new ChoicePrompt('position'));
dialogs.add(new ChoicePrompt('area'));
dialogs.add(new NumberPrompt('pain', async (prompt) =>
    prompt.recognized.succeeded && Number.isInteger(prompt.recognized.value) &&
    prompt.recognized.value >= 0 && prompt.recognized.value <= 10));
dialogs.add(new WaterfallDialog('screen', [
    async (step) => step.prompt('consent', 'May I ask you a few questions about your back?'),
    async (step) => {
        if (!step.result) {
            await step.context.sendActivity('All right. Say hi when you want to start.');
            return step.endDialog();
        }
        return step.prompt('position', { prompt: 'How do you usually sleep?', choices: ['Back', 'Side', 'Stomach', 'It varies'] });
    },
    async (step) => {
        step.values.position = step.result.value;
        return step.prompt('pain', {
            prompt: 'How bad is the pain when you wake up, from 0 to 10?',
            retryPrompt: 'Please give a number from 0 to 10.'
        });
    },
    async (step) => {
        step.values.pain = step.result;
        return step.prompt('eases', 'Does moving around ease it?');
    },
    async (step) => {
        step.values.eases = step.result;
        return step.prompt('area', { prompt: 'Where does it hurt most?', choices: ['Lower back', 'One side', 'Down a leg', 'Hard to say'] });
    },
    async (step) => {
        const answers = { ...step.values, area: step.result.value };
        await profile.set(step.context, answers);
        await step.context.sendActivity(
            `Thanks. You sleep: ${answers.position}; pain ${answers.pain}/10; ` +
            `${answers.eases ? 'eases' : 'does not ease'} with movement; area: ${answers.area}.`);
        return step.endDialog();
    }
]));

class WaterfallBot extends ActivityHandler {
    constructor() {
        super();
        this.onMessage(async (context, next) => {
            const dc = await dialogs.createContext(context);
            const result = await dc.continueDialog();
            if (result.status === DialogTurnStatus.empty) {
                await dc.beginDialog('screen');
            }
            await next();
        });
    }

    async run(context) {
        await super.run(context);
        await conversationState.saveChanges(context, false);
        await userState.saveChanges(context, false);
    }
}

const bot = new WaterfallBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/healthz', (req, res, next) => { res.send(200, 'ok'); return next(); });
server.listen(port, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${port}`));
