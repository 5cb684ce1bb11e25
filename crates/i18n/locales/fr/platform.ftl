# Platform pages added after the first release: logos, re-uploads, sign-in limits.
