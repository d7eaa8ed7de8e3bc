// The jest project whose test hosts keep their data in PostgreSQL (see pg-database.ts).
process.env.BRIX_TEST_STORE = 'postgres';
