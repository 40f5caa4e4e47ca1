pub struct DbConnection;
