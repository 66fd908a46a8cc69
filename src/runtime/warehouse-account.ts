/** The warehouse's database and the user the pipeline and the tour log in as, the same in every runtime. */
export const WAREHOUSE_USER = 'slowdata';
export const WAREHOUSE_DATABASE = 'warehouse';
