print("camxuc")
