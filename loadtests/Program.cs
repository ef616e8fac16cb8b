// Replaced by the load harness when it lands.
return 0;
