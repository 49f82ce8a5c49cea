// Types shared by the templates (compile-time imports, nothing is deployed from this file).

@export()
@description('Resource tags: names to string values.')
type Tags = {
  *: string
}

@export()
@description('App settings of the Functions app: names (with __ for the configuration section separator) to values.')
type AppSettings = {
  *: string
}
