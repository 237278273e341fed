/** This window's command bus, on the app clock (read once per command). */
import { appNow } from '../app/clock';
import { eventStore } from './store';
import { CommandBus } from './command';

export const commands = new CommandBus(eventStore, appNow);
