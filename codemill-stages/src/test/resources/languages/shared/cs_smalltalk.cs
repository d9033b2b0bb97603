!Object methodsFor: 'printing'!
printOn: aStream
	aStream nextPutAll: 'x'! !
