REBOL [Title: "hello"]
print "hello"
