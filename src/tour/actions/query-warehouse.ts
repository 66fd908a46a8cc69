import { shownSql } from '../../engines/measure.js';
import { SEED_QUERY } from '../../engines/query.js';
import { mysqlClientCommand, PASSWORD_VARIABLE } from '../hand-commands.js';
import { currentEnvironment } from '../../runtime/require-environment.js';
import { StepError, type StepAction } from './step-action.js';

export const queryWarehouse: StepAction = {
  name: 'query-warehouse',
  needs: ['environment-up'],
  suspect: 'db',
  byHand: ({ endpoints }) => (endpoints ? [{ what: 'the same query, with the warehouse\'s own client', command: mysqlClientCommand(endpoints, SEED_QUERY), ...(endpoints.mysql.passwordVariable ? {} : { passwordFrom: PASSWORD_VARIABLE }) }] : []),
  async run(context) {
    const endpoints = (await currentEnvironment(context.runtime)).endpoints;
    const measure = endpoints.measure?.warehouse;
    const [result, pipeline] = await Promise.all([
      context.engines.queryWarehouse(endpoints.mysql, measure, { signal: context.signal }),
      measure ? Promise.resolve(undefined) : context.engines.pipelineReport(endpoints.mysql),
    ]);
    if (!result.ok) throw new StepError(result.error, { service: 'db' });
    return { kind: 'query', endpoints, engine: 'warehouse', sql: measure ? shownSql('mysql', measure) : SEED_QUERY, result, at: Date.now(), pipeline: pipeline?.ok ? pipeline.report : null };
  },
};
