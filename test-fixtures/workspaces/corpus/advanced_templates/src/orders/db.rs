pub struct Connection;
