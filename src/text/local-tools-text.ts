import type { DatabaseServer, Finding, JavaFound, ToolReport } from '../runtime/local/tools.js';

export interface LocalCheck {
  name: string;
  ok: boolean;
  message: string;
  tryThis?: string;
}

function check<T>(name: string, finding: Finding<T>, describe: (value: T) => string): LocalCheck {
  if (finding.ok) return { name, ok: true, message: describe(finding.value) };
  return { name, ok: false, message: finding.error.message, tryThis: finding.error.tryThis };
}

const jdk = (java: JavaFound) => `Java ${java.major}, ${java.java} (from ${java.from})`;

const database = (db: DatabaseServer) =>
  db.flavour === 'mariadb' ? `MariaDB: ${db.server}, initialised with ${db.installer}` : `MySQL: ${db.server}`;

/**
 * The local runtime's prerequisites, one line each: the JDK each service would use and where it was
 * found, Maven, the database server; anything missing with the install command for this platform.
 */
export function localToolChecks(report: ToolReport): LocalCheck[] {
  const checks = [
    check('java for kafka', report.kafkaJava, (java) => `Kafka and Connect would use ${jdk(java)}.`),
    check('java for trino', report.trinoJava, (java) => `Trino would use ${jdk(java)}.`),
    check('maven', report.maven, (mvn) => `Maven: ${mvn}.`),
    check('database', report.database, (db) => `${database(db)}.`),
  ];
  // Where the runtime is refused (Windows), every finding carries the same sentence: say it once.
  const first = checks[0]!;
  if (!first.ok && checks.every((c) => c.message === first.message)) return [{ ...first, name: 'local runtime' }];
  return checks;
}
