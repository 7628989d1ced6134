module github.com/openras/openras

go 1.26

require (
	github.com/shopspring/decimal v1.4.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/google/uuid v1.6.0 // indirect
	github.com/maxence-charriere/go-app/v10 v10.1.11
)
