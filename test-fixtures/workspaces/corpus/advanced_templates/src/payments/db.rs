pub struct PaymentConnection;
