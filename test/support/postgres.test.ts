import pg from 'pg';
import { startPostgres } from './postgres';

describe('the private PostgreSQL cluster for tests', () => {
  it('starts on loopback, gives fresh databases, and stops', async () => {
    const cluster = await startPostgres();
    const url = await cluster.createDatabase();
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/t_/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const version = await client.query<{ server_version: string }>('SHOW server_version');
    await client.end();
    expect(version.rows[0]?.server_version).toMatch(/^15\./);
    await cluster.stop();
    const after = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await expect(after.connect()).rejects.toThrow();
  });

  it('fails with the package to install when the server binaries are missing', async () => {
    await expect(startPostgres({ binDir: '/nonexistent/postgresql/bin' })).rejects.toThrow(/install the Debian package "postgresql"/);
  });
});
