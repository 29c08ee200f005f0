import type { App, AppContext } from '../../context.ts';

export function templateRoutes(_app: App, _ctx: AppContext) {}
