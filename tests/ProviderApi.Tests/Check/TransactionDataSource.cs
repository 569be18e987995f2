using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using ProviderApi.Check;
using ProviderApi.Data;
using ProviderApi.Views;

namespace ProviderApi.Tests.Check;

/// <summary>
/// A data source that lends the test's own open connection, inside the test's transaction, to
/// the provider's repositories: the check then reads exactly what the test wrote, and the test
/// rolls it all back. Closing or disposing a lent connection leaves the test's open.
/// </summary>
public sealed class TransactionDataSource(DbConnection connection, DbTransaction transaction) : DbDataSource
{
    public override string ConnectionString => connection.ConnectionString;

    protected override DbConnection CreateDbConnection() => new LentConnection(connection, transaction);

    /// <summary>The contract check wired as the verb wires it (the same list of views), over this connection.</summary>
    public static ContractCheck Check(DbConnection connection, DbTransaction transaction, DatabaseProvider provider)
    {
        var options = Options.Create(new DatabaseOptions { Provider = provider, CommandTimeoutSeconds = 120 });
        var views = new ViewReader(new TransactionDataSource(connection, transaction), options);
        var dialect = DatabaseEngine.For(provider);
        return new ContractCheck(new ViewCatalog(StandardViewList.All), views, dialect, options);
    }

    private sealed class LentConnection(DbConnection inner, DbTransaction transaction) : DbConnection
    {
        [AllowNull]
        public override string ConnectionString
        {
            get => inner.ConnectionString;
            set => throw new NotSupportedException();
        }

        public override string Database => inner.Database;

        public override string DataSource => inner.DataSource;

        public override string ServerVersion => inner.ServerVersion;

        public override ConnectionState State => ConnectionState.Open;

        public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

        public override void Open()
        {
        }

        public override Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override void Close()
        {
        }

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException();

        protected override DbCommand CreateDbCommand()
        {
            var command = inner.CreateCommand();
            command.Transaction = transaction;
            return command;
        }
    }
}
