pub struct Library;
