-- The warehouse: what the batch pipeline has loaded so far.
CREATE TABLE IF NOT EXISTS transactions (
  eventid         VARCHAR(64)   NOT NULL PRIMARY KEY,
  storeid         VARCHAR(32)   NOT NULL,
  amount          DECIMAL(12,2) NOT NULL,
  paymenttermcode VARCHAR(16)   NOT NULL,
  paymenttime     BIGINT        NOT NULL,
  itemcode        VARCHAR(32)   NOT NULL,
  eventtime       BIGINT        NOT NULL,
  loadedat        BIGINT        NOT NULL,
  -- Covers the seed query and the tour's measured one (sum(amount), count, max(eventtime) per store)
  -- so neither reads the rows themselves.
  KEY by_store (storeid, amount, eventtime)
);

-- Lines of the data lake that did not parse or validate, kept with the reason.
CREATE TABLE IF NOT EXISTS rejects (
  id        BIGINT AUTO_INCREMENT PRIMARY KEY,
  source    VARCHAR(255) NOT NULL,
  position  BIGINT       NOT NULL,
  line      TEXT         NOT NULL,
  reason    VARCHAR(1024) NOT NULL,
  rejectedat BIGINT      NOT NULL,
  UNIQUE KEY one_per_line (source, position)
);

-- How far into each data lake file the pipeline has loaded, committed with the rows.
CREATE TABLE IF NOT EXISTS load_position (
  source    VARCHAR(255) NOT NULL PRIMARY KEY,
  position  BIGINT       NOT NULL,
  batches   BIGINT       NOT NULL DEFAULT 0,
  updatedat BIGINT       NOT NULL
);

-- What the pipeline did last and whether it is stalled, written after every run (apart from the
-- load's own transaction), so status, compare and the tour can say when the pipeline refuses.
CREATE TABLE IF NOT EXISTS pipeline_status (
  source         VARCHAR(255)  NOT NULL PRIMARY KEY,
  checkedat      BIGINT        NOT NULL,
  lastbatchat    BIGINT        NULL,
  lastloaded     BIGINT        NOT NULL DEFAULT 0,
  lastduplicates BIGINT        NOT NULL DEFAULT 0,
  lastrejected   BIGINT        NOT NULL DEFAULT 0,
  stalledsince   BIGINT        NULL,
  stalledkind    VARCHAR(32)   NULL,
  stalledreason  VARCHAR(1024) NULL
);
