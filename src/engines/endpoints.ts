/** Where each engine answers: what the engines need to be asked, whichever runtime or platform serves them. */
export interface MysqlEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface Endpoints {
  /** Kafka bootstrap address as seen from the host, e.g. 127.0.0.1:9092. */
  kafka: string;
  /** Trino's HTTP URL. */
  trino: string;
  mysql: MysqlEndpoint;
}
