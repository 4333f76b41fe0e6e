import numpy as np
import torch
import torch.nn as nn

latent_dim = 100
img_shape = (1, 32, 32)


# shapesafe: input 16x100
class Generator(nn.Module):
    def __init__(self):
        super(Generator, self).__init__()

        def block(in_feat, out_feat, normalize=True):
            layers = [nn.Linear(in_feat, out_feat)]
            if normalize:
                layers.append(nn.BatchNorm1d(out_feat, 0.8))
            layers.append(nn.LeakyReLU(0.2, inplace=True))
            return layers

        self.model = nn.Sequential(
            *block(latent_dim, 128, normalize=False),
            *block(128, 256),
            *block(256, 512),
            *block(512, 1024),
            nn.Linear(1024, 1 * 28 * 28),
            nn.Tanh()
        )

    def forward(self, z):
        img = self.model(z)
        img = img.view(img.size(0), *img_shape)
        return img


if __name__ == "__main__":
    generator = Generator()
    z = torch.from_numpy(np.random.normal(0, 1, (16, latent_dim))).float()
    print(generator(z).shape)
