module qcmap

go 1.26.0

require (
	github.com/goccy/go-yaml v1.19.2
	github.com/maxence-charriere/go-app/v10 v10.1.11
	github.com/paulmach/orb v0.14.0
	golang.org/x/text v0.44.0
)

require (
	github.com/google/uuid v1.6.0 // indirect
	go.mongodb.org/mongo-driver/v2 v2.5.0 // indirect
)
