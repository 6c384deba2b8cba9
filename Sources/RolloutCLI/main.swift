print("rollout")
