using ProviderApi.Tests.Hospitals;

namespace ProviderApi.Tests.Contract;

/// <summary>The contract suite on the embedded demo hospital (SQLite).</summary>
public sealed class SqliteContractTests(DemoHospital hospital) : ContractTests(hospital), IClassFixture<DemoHospital>;

/// <summary>The contract suite on PostgreSQL, over the very files in sql/postgresql/.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresContractTests(PostgresHospital hospital) : ContractTests(hospital), IClassFixture<PostgresHospital>;

/// <summary>The contract suite on SQL Server, in a container: skips with the reason where Docker is absent.</summary>
public sealed class SqlServerContractTests(SqlServerHospital hospital) : ContractTests(hospital), IClassFixture<SqlServerHospital>;

/// <summary>The contract suite on Oracle, in a container with a supplied driver: skips with the reason where either is absent.</summary>
public sealed class OracleContractTests(OracleHospital hospital) : ContractTests(hospital), IClassFixture<OracleHospital>;

/// <summary>PostgreSQL test classes run one after another: roles are shared by the whole server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests
{
    public const string Name = "PostgreSQL";
}

/// <summary>The contract suite on MariaDB, run for real (MySQL 5.7's sql_mode), over the very files in sql/mysql/.</summary>
[Collection(MariaDbTests.Name)]
public sealed class MySqlContractTests(MariaDbHospital hospital) : ContractTests(hospital), IClassFixture<MariaDbHospital>;
