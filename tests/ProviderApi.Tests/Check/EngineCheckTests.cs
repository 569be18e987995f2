using ProviderApi.Data;
using ProviderApi.Tests.Contract;
using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Check;

/// <summary>The contract check on the embedded demo hospital (SQLite).</summary>
public sealed class SqliteCheckTests(DemoHospital hospital) : CheckTests(hospital, DatabaseProvider.Demo), IClassFixture<DemoHospital>;

/// <summary>The contract check on PostgreSQL, over the very files in sql/postgresql/.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresCheckTests(PostgresHospital hospital) : CheckTests(hospital, DatabaseProvider.PostgreSql), IClassFixture<PostgresHospital>;

/// <summary>The contract check on MariaDB, over the very files in sql/mysql/.</summary>
[Collection(MariaDbTests.Name)]
public sealed class MySqlCheckTests(MariaDbHospital hospital) : CheckTests(hospital, DatabaseProvider.MySql), IClassFixture<MariaDbHospital>;
