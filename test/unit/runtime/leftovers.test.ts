import { describe, expect, it } from 'vitest';
import { processesOfHome, serviceOf, type ProcessLister } from '../../../src/runtime/local/leftovers.js';

const home = '/tmp/slowdata-home';
const lister = (commandLines: Record<number, string>): ProcessLister => ({
  list: () => Object.entries(commandLines).map(([pid, commandLine]) => ({ pid: Number(pid), commandLine })),
});

describe('processesOfHome (finding what the state missed)', () => {
  it('finds every kind of service of this home by its arguments, and nothing of another home', () => {
    const found = processesOfHome(
      home,
      lister({
        11: `/usr/sbin/mariadbd --no-defaults --datadir=${home}/data/db --port=3307`,
        12: `java -Xmx512m -Dslowdata.service=kafka -Dslowdata.home=${home} -cp x kafka.Kafka ${home}/data/kafka/server.properties`,
        13: `java -Dslowdata.service=connect -Dslowdata.home=${home} org.apache.kafka.connect.cli.ConnectStandalone`,
        14: `/usr/bin/node /pkg/dist/services/generator.js --bootstrap 127.0.0.1:9092 --rate 2 --home ${home}`,
        15: `/usr/bin/node /pkg/dist/services/pipeline.js --datalake ${home}/data/datalake/transactions.jsonl --interval 60`,
        21: `/usr/sbin/mariadbd --datadir=${home}-other/data/db`,
        22: `/usr/bin/node /pkg/dist/services/generator.js --home ${home}2`,
        23: 'bash',
        24: `tail -f ${home}/logs/kafka.log`,
      }),
      [15],
    );
    expect(found.map((p) => [p.pid, p.service])).toEqual([
      [11, 'db'],
      [12, 'kafka'],
      [13, 'connect'],
      [14, 'generator'],
      [24, undefined],
    ]);
  });

  it('names the service of a command line', () => {
    expect(serviceOf('java -Dslowdata.service=trino io.trino.server.TrinoServer')).toBe('trino');
    expect(serviceOf('node dist/services/pipeline.js')).toBe('pipeline');
    expect(serviceOf('tail -f x')).toBeUndefined();
  });

  it('lists the real processes of this machine, this one among them', async () => {
    const { systemProcesses } = await import('../../../src/runtime/local/leftovers.js');
    expect(systemProcesses.list().some((p) => p.pid === process.pid)).toBe(true);
  });
});
